"""Declared access for every view: each decorator checks who may enter, then enters the tenancy scope.

Every URL's view must carry one of these decorators (the permission-matrix test enforces it). Another
centre's page or object answers 404, never 403, so that nothing reveals what exists elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django_scopes import scope

from bridgework.core.roles import roles_for
from bridgework.core.tenancy import centre_scope, centres_scope

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Access:
    """What a view requires. `audience` is one of: public, signed_in, centre, learner, portal, moderator,
    platform. `permission` is the `rules` permission checked against the centre (centre audience)."""

    audience: str
    permission: str = ""


def _mark(view: View, access: Access) -> View:
    view.bw_access = access  # type: ignore[attr-defined]
    return view


def public_view(view: View) -> View:
    """Anyone, signed in or not. Enters an empty scope so no centre data can leak by accident."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with centres_scope([]):
            return view(request, *args, **kwargs)

    return _mark(wrapped, Access("public"))


def signed_in_view(view: View) -> View:
    """Any signed-in person; sees no centre data unless the view scopes it itself."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        with centres_scope([]):
            return view(request, *args, **kwargs)

    return _mark(wrapped, Access("signed_in"))


def centre_view(permission: str) -> Callable[[View], View]:
    """Centre staff pages under /c/<centre>/. Non-members get 404; members without the permission 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, centre: str, *args: Any, **kwargs: Any) -> HttpResponse:
            from bridgework.people.models import Centre

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            centre_obj = Centre.objects.filter(number=centre, is_active=True).first()
            if centre_obj is None or not roles_for(request.user).at(centre_obj.pk):
                raise Http404("No such centre")
            if not request.user.has_perm(permission, centre_obj):
                raise PermissionDenied
            request.centre = centre_obj  # type: ignore[attr-defined]
            with centre_scope(centre_obj.pk):
                return view(request, *args, **kwargs)

        return _mark(wrapped, Access("centre", permission))

    return decorator


def _audience_view(audience: str, centre_ids: Callable[[Any], list[int] | None]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            ids = centre_ids(roles_for(request.user))
            if ids is None:
                raise Http404
            with centres_scope(ids):
                return view(request, *args, **kwargs)

        return _mark(wrapped, Access(audience))

    return decorator


def _learner_centres(roles: Any) -> list[int] | None:
    return roles.centres_with("learner") or None


def _portal_centres(roles: Any) -> list[int] | None:
    return roles.centres_with("employer_contact") or None


def _moderator_centres(roles: Any) -> list[int] | None:
    return sorted(roles.moderator_centres) if roles.is_moderator else None


def _platform(roles: Any) -> list[int] | None:
    return [] if roles.platform_admin else None


learner_view = _audience_view("learner", _learner_centres)
"""The learner's own area: scoped to the centres where they are a learner."""
portal_view = _audience_view("portal", _portal_centres)
"""The employer portal: scoped to the centres where they are an employer contact."""
moderator_view = _audience_view("moderator", _moderator_centres)
"""The moderator workspace: scoped to the centres assigned to the moderator."""
platform_view = _audience_view("platform", _platform)
"""Platform administration (catalogue, centres): sees no centre-owned rows."""


def unscoped_for_platform() -> Any:
    """Platform admins creating a centre's first admin need to write centre-owned rows for that centre."""
    return scope(_enabled=False)
