"""Employer permissions. Every member of staff, from any department, may see employers and log contacts
(seed 002: one shared record); merging records and overriding safety checks are for centre admins."""

from __future__ import annotations

import rules

from bridgework.people.rules import is_centre_admin, is_centre_staff

rules.add_perm("employers.view", is_centre_staff)
rules.add_perm("employers.manage", is_centre_staff)
rules.add_perm("employers.merge", is_centre_admin)
rules.add_perm("employers.override_checks", is_centre_admin)
