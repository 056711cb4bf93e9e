"""Cross-cutting request guards: second factor for privileged roles, idle sign-out for staff."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from bridgework.core.roles import roles_for

# Paths a person who must set up MFA can still reach (sign-in, sign-out, MFA set-up, static files, health).
_MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/readyz", "/api/")


def _has_totp(user) -> bool:  # type: ignore[no-untyped-def]
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMfaMiddleware:
    """Centre admins, platform admins and moderators cannot use Bridgework until they have set up TOTP."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.MFA_REQUIRED
            and user.is_authenticated
            and not request.path.startswith(_MFA_EXEMPT_PREFIXES)
            and not request.session.get("bw_mfa_ok")
            and roles_for(user).needs_mfa
        ):
            if not _has_totp(user):
                messages.warning(
                    request,
                    "Your role needs two-factor authentication. Set up an authenticator app to continue.",
                )
                if getattr(request, "htmx", False):  # a fragment request: make the whole page go there
                    return HttpResponseClientRedirect(reverse("mfa_activate_totp"))
                return redirect("mfa_activate_totp")
            request.session["bw_mfa_ok"] = True
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Signs out staff, admins and moderators after STAFF_IDLE_TIMEOUT_MINUTES without a request."""

    # The last-seen time is saved at most once a minute: saving the session on every request costs a write.
    RESOLUTION_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.path.startswith("/static/"):
            now = int(time.time())
            last_seen = request.session.get("bw_last_seen")
            limit = settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
            if last_seen is not None and now - last_seen > limit and roles_for(user).is_staffish:
                logout(request)
                messages.info(request, "You were signed out because you had not used Bridgework for a while.")
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= self.RESOLUTION_SECONDS:
                request.session["bw_last_seen"] = now
        return self.get_response(request)
