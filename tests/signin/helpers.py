"""Sign-in helpers for tests: drive django-allauth's real forms (not force_login) so the MFA stage, rate
limits and django-axes all run."""

from __future__ import annotations

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from tests.world import PASSWORD, TOTP_SECRET


def totp_code(secret: str = TOTP_SECRET, at: float | None = None) -> str:
    return format_hotp_value(hotp_value(secret, int(at if at is not None else time.time()) // 30))


def post_password(client: Client, email: str, password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def sign_in(client: Client, email: str, *, with_code: bool = False) -> None:
    """Password (and authenticator code when asked) through the real forms; asserts each step worked."""
    response = post_password(client, email)
    assert response.status_code == 302, response.content[:500]
    if with_code:
        assert response["Location"] == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
        assert response.status_code == 302, response.content[:500]
