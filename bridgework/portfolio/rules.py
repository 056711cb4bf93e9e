"""Portfolio permissions for centre staff (object: the Centre)."""

from __future__ import annotations

import rules

from bridgework.people.rules import is_centre_staff

rules.add_perm("portfolio.view_shared", is_centre_staff)
rules.add_perm("portfolio.cite_evidence", is_centre_staff)
rules.add_perm("portfolio.manage_deadlines", is_centre_staff)
