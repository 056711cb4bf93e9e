"""`bridgework demo`: prints an account for every role and a working API token, and sends no email."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command

from bridgework.people.demo_admin import DEMO_API_TOKEN
from bridgework.people.services.tokens import authenticate_token

pytestmark = pytest.mark.django_db(transaction=True)  # the demo commits: its notifications really fire


def test_the_demo_prints_every_role_and_a_working_api_token(settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # would fail loudly if used
    out = io.StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    for role in ("Centre admin", "Centre staff", "Employer contact", "Moderator", "Platform admin", "Learner"):
        assert role in printed
    assert f"Bearer {DEMO_API_TOKEN}" in printed
    assert f"The demo made {len(mail.outbox)} notification emails to demo addresses (not sent)." in printed
    token = authenticate_token(DEMO_API_TOKEN)
    assert token is not None and token.centre.name.startswith("Riverside")
    call_command("demo", stdout=io.StringIO())  # again: still one demo token
    assert authenticate_token(DEMO_API_TOKEN).pk == token.pk
    # Kept in memory only: SMTP (set above) was never used, or the command would have failed.
    assert all(m.to[0].endswith("@demo.bridgework.test") for m in mail.outbox)
