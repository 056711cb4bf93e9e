"""What a signed-in person may act as: their roles per centre, moderator assignments, platform flag.

Read once per request and cached on the user object; every access decision goes through here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django_scopes import scopes_disabled


@dataclass(frozen=True)
class UserRoles:
    centre_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    moderator_centres: frozenset[int] = frozenset()
    moderator_ao_id: int | None = None
    platform_admin: bool = False

    def at(self, centre_id: int) -> frozenset[str]:
        return self.centre_roles.get(centre_id, frozenset())

    def centres_with(self, *roles: str) -> list[int]:
        return sorted(cid for cid, held in self.centre_roles.items() if held & set(roles))

    @property
    def is_moderator(self) -> bool:
        return self.moderator_ao_id is not None

    @property
    def needs_mfa(self) -> bool:
        """Centre admins, platform admins and moderators must use a second factor."""
        return self.platform_admin or self.is_moderator or bool(self.centres_with("centre_admin"))

    @property
    def is_staffish(self) -> bool:
        """People who see many learners' data: signed out after idling."""
        return self.needs_mfa or bool(self.centres_with("staff"))


NO_ROLES = UserRoles()


def roles_for(user) -> UserRoles:  # type: ignore[no-untyped-def]
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_bw_roles", None)
    if cached is not None:
        return cached
    from bridgework.people.models import Centre, Membership, ModeratorAssignment, ModeratorProfile

    by_centre: dict[int, set[str]] = defaultdict(set)
    with scopes_disabled():
        active_centres = Centre.objects.filter(is_active=True).values("pk")
        for centre_id, role in Membership.objects.filter(
            user=user, is_active=True, centre__in=active_centres
        ).values_list("centre_id", "role"):
            by_centre[centre_id].add(role)
    profile = ModeratorProfile.objects.filter(user=user, is_active=True).first()
    moderator_centres: frozenset[int] = frozenset()
    if profile is not None:
        moderator_centres = frozenset(
            ModeratorAssignment.objects.filter(moderator=profile, centre__is_active=True).values_list(
                "centre_id", flat=True
            )
        )
    roles = UserRoles(
        centre_roles={cid: frozenset(held) for cid, held in by_centre.items()},
        moderator_centres=moderator_centres,
        moderator_ao_id=profile.awarding_organisation_id if profile else None,
        platform_admin=user.is_platform_admin,
    )
    user._bw_roles = roles
    return roles


def forget_roles(user) -> None:  # type: ignore[no-untyped-def]
    if hasattr(user, "_bw_roles"):
        del user._bw_roles
