"""Permissions for the planner and tracker. Object-level: they take the Centre."""

from __future__ import annotations

import rules

from bridgework.people.rules import is_centre_admin, is_centre_staff

rules.add_perm("activities.view", is_centre_staff)
rules.add_perm("activities.manage", is_centre_staff)  # plans, activities, registers, evidence
rules.add_perm("activities.override_checks", is_centre_admin)  # confirm despite missing employer checks
rules.add_perm("activities.manage_statuses", is_centre_admin)  # the centre's extra register statuses
