"""django-allauth and django-axes glue: no public sign-up (people join by invitation); lockout by email + IP;
people whose role needs a second factor cannot switch it off."""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest

from bridgework.core.roles import roles_for


class BridgeworkAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """allauth asks for the password again before any MFA change, even seconds after sign-in. Someone sent
        straight from the password (or code) step to set up their authenticator app has just proved who they
        are: within ACCOUNT_REAUTHENTICATION_TIMEOUT of a password or MFA sign-in, do not ask again."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        if not required or app != "allauth.mfa":
            return required
        request = context.request
        if request is None or not request.user.is_authenticated:
            return required
        records = get_authentication_records(request, request.user)
        latest = records[-1] if records else {}
        fresh = time.time() - float(latest.get("at", 0)) < account_settings.REAUTHENTICATION_TIMEOUT
        return not (fresh and latest.get("method") in ("password", "mfa"))


class BridgeworkMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": (
            "Your role needs an authenticator app, so you cannot turn it off. "
            "If you have a new phone, ask your centre administrator to reset it."
        ),
        "incorrect_code": "The code is not right. Check your authenticator app and enter the code it shows now.",
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Otherwise a centre admin could turn the app off and carry on without a second factor.
        if settings.MFA_REQUIRED and roles_for(authenticator.user).needs_mfa:
            return False
        return super().can_delete_authenticator(authenticator)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The email a sign-in attempt is for, whichever form or backend sent it, lower-cased."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login") or request.POST.get("email")
    return str(value or "").strip().lower()
