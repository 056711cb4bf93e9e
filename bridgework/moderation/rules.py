"""Moderation permissions on the centre side (the moderator side is scoped by `moderator_view`)."""

from __future__ import annotations

import rules

from bridgework.people.rules import is_centre_admin, is_centre_staff

# Staff prepare approvals and submissions and answer evidence requests.
rules.add_perm("centre.manage_moderation", is_centre_staff)
# Only a centre admin (head of centre or delegate) signs the declaration and reopens a submitted submission.
rules.add_perm("centre.sign_moderation_declaration", is_centre_admin)
