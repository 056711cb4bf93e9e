"""Permissions, declared with `rules`. Object-level permissions take the Centre as their object."""

from __future__ import annotations

import rules

from bridgework.core.roles import roles_for


@rules.predicate
def is_centre_admin(user, centre) -> bool:  # type: ignore[no-untyped-def]
    return centre is not None and "centre_admin" in roles_for(user).at(centre.pk)


@rules.predicate
def is_centre_staff(user, centre) -> bool:  # type: ignore[no-untyped-def]
    return centre is not None and bool({"staff", "centre_admin"} & roles_for(user).at(centre.pk))


@rules.predicate
def is_platform_admin(user) -> bool:  # type: ignore[no-untyped-def]
    return roles_for(user).platform_admin


# Centre staff area
rules.add_perm("centre.view", is_centre_staff)
rules.add_perm("centre.manage_learners", is_centre_staff)
rules.add_perm("centre.manage_people", is_centre_admin)
rules.add_perm("centre.manage_api_tokens", is_centre_admin)
# Platform administration
rules.add_perm("platform.manage_catalogue", is_platform_admin)
rules.add_perm("platform.manage_centres", is_platform_admin)
