"""Employer contacts have no password: they ask for a code, get it by email, enter it and land in the portal."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.world import World


def _code_from(message: mail.EmailMessage) -> str:
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def _request_code(client: Client, email: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_request_login_code"), {"email": email})


@pytest.mark.django_db
def test_an_employer_contact_signs_in_with_an_emailed_code_and_lands_in_the_portal(world: World) -> None:
    client = Client()
    response = _request_code(client, world.a.employer_user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.a.employer_user.email]
    assert mail.outbox[0].subject == "Bridgework: Your sign-in code"
    code = _code_from(mail.outbox[0])

    page = client.get(reverse("account_confirm_login_code"))
    assert "Check your email" in page.content.decode()
    assert world.a.employer_user.email in page.content.decode()

    response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:home")
    assert response.status_code == 200
    assert response.wsgi_request.user == world.a.employer_user


@pytest.mark.django_db
def test_a_wrong_code_shows_a_gov_uk_error_and_three_wrong_codes_end_the_attempt(world: World) -> None:
    client = Client()
    _request_code(client, world.a.employer_user.email)
    code = _code_from(mail.outbox[0])
    wrong = "AAAA-AAAA" if code != "AAAA-AAAA" else "BBBB-BBBB"
    response = client.post(reverse("account_confirm_login_code"), {"code": wrong})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Enter your sign-in code" in body
    assert 'href="#id_code"' in body  # the error summary links to the field
    client.post(reverse("account_confirm_login_code"), {"code": wrong})
    client.post(reverse("account_confirm_login_code"), {"code": wrong})
    # The code is now spent: even the right one no longer signs in.
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_an_unknown_email_gets_the_same_answer_and_no_code(world: World) -> None:
    client = Client()
    response = _request_code(client, "nobody@nowhere.test")
    assert response.status_code == 302  # no enumeration: same page as a real address
    # The address gets a note that it has no account, never a code.
    assert [m.subject for m in mail.outbox] == ["Bridgework: Sign-in request"]
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_requesting_codes_is_rate_limited_per_email(world: World) -> None:
    email = world.a.employer_user.email
    statuses = []
    for _ in range(4):
        statuses.append(_request_code(Client(), email).status_code)
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3] == 200  # the fourth within 5 minutes is refused with a form error
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_requesting_codes_is_rate_limited_per_ip(world: World) -> None:
    responses = [_request_code(Client(), f"someone{i}@example.test") for i in range(11)]
    assert [r.status_code for r in responses[:10]] == [302] * 10
    assert responses[10].status_code in (200, 429)  # refused: no redirect to the code page
    assert "Too many" in responses[10].content.decode()
    assert len(mail.outbox) == 10


@pytest.mark.django_db
def test_a_code_does_not_skip_the_authenticator_app_of_an_admin(world: World) -> None:
    from tests.signin.helpers import totp_code

    client = Client()
    _request_code(client, world.a.admin.email)
    response = client.post(reverse("account_confirm_login_code"), {"code": _code_from(mail.outbox[0])})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
