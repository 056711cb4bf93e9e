"""The permission matrix: one Row per URL (and one ApiRow per API operation), checked for anonymous and
every role, against the role-holder's own centre and another centre.

Expected status, unless a row says otherwise:
- anonymous: 302 to sign-in (public pages: `ok`); API without a token: 401;
- a role listed in `allowed`, on its own centre's URL/objects: `ok`;
- centre pages: a member of that centre without the permission: 403; anyone else: 404;
- other audiences (learner, portal, moderator, platform): 404 when not entitled or for another centre's object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.world import CentreWorld, World

Kwargs = Callable[[World, CentreWorld], dict[str, Any]]

STAFF = frozenset({"centre_admin", "staff"})
ADMIN = frozenset({"centre_admin"})
EVERYONE = frozenset({"platform_admin", "centre_admin", "staff", "learner", "employer_contact", "moderator"})
CENTRE_MEMBER_ROLES = frozenset({"centre_admin", "staff", "learner", "employer_contact"})


def centre_only(world: World, c: CentreWorld) -> dict[str, Any]:
    return {"centre": c.centre.number}


def no_kwargs(world: World, c: CentreWorld) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Row:
    name: str
    allowed: frozenset[str]
    kwargs: Kwargs = no_kwargs
    method: str = "GET"
    data: Callable[[World, CentreWorld], dict[str, Any]] | None = None
    ok: int = 200
    # False when the URL does not depend on a centre or a centre's object: only "own" is checked.
    per_centre: bool = True
    anonymous: int | None = None  # defaults to 302 (or `ok` for public pages)
    htmx: bool = False


@dataclass(frozen=True)
class ApiRow:
    method: str
    path: str  # the OpenAPI path, e.g. /api/v1/learners/{id}
    path_params: Kwargs = no_kwargs
    body: Callable[[World, CentreWorld], Any] | None = None
    query: dict[str, str] = field(default_factory=dict)
    ok: int = 200
    per_centre: bool = True  # False for collection/catalogue operations: other centres see their own data


# Third-party URLs (django-allauth) keep their own access rules; the matrix only checks they never fail.
ALLAUTH_PUBLIC_PREFIXES = ("account_", "mfa_", "socialaccount_", "headless", "usersessions_")
