"""Every django-allauth page Bridgework uses renders in the Bridgework GOV.UK layout, with the house title,
labels and error summary; sign-up says people join by invitation."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.signin.helpers import sign_in
from tests.world import World


def _assert_house_page(response, title: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<title>{title} – Bridgework</title>" in body
    assert 'class="govuk-template__body bw-template__body"' in body  # layouts/base.html
    assert body.count("<h1") == 1
    assert 'class="govuk-heading-l"' in body or "govuk-panel__title" in body
    for input_id in re.findall(r'<input[^>]+type="(?:email|text|password)"[^>]*id="([^"]+)"', body):
        assert f'for="{input_id}"' in body, f"#{input_id} has no label"
    assert "placeholder=" not in body
    return body


ANONYMOUS_PAGES = [
    ("account_login", "Sign in"),
    ("account_request_login_code", "Sign in with a code"),
    ("account_reset_password", "Reset your password"),
    ("account_reset_password_done", "Check your email"),
    ("account_signup", "You join Bridgework by invitation"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "title"), ANONYMOUS_PAGES)
def test_anonymous_pages_render_in_the_house_layout(client: Client, name: str, title: str) -> None:
    _assert_house_page(client.get(reverse(name)), title)


@pytest.mark.django_db
def test_the_sign_in_page_offers_a_code_instead_and_no_sign_up(client: Client) -> None:
    body = _assert_house_page(client.get(reverse("account_login")), "Sign in")
    assert f'href="{reverse("account_request_login_code")}"' in body
    assert "Sign in with a code instead" in body
    assert reverse("account_signup") not in body
    assert "invites you" in body


@pytest.mark.django_db
def test_sign_up_is_closed_and_explains_invitations(client: Client) -> None:
    body = _assert_house_page(client.get(reverse("account_signup")), "You join Bridgework by invitation")
    assert "There is no public sign-up" in body
    response = client.post(reverse("account_signup"), {"email": "new@example.test", "password1": "x" * 12})
    assert "There is no public sign-up" in response.content.decode()


@pytest.mark.django_db
def test_a_failed_sign_in_gets_an_error_title_and_summary(world: World, client: Client) -> None:
    response = client.post(reverse("account_login"), {"login": world.a.staff.email, "password": "nope-nope-nope"})
    body = response.content.decode()
    assert "<title>Error: Sign in – Bridgework</title>" in body
    assert 'class="govuk-error-summary"' in body
    assert body.index("govuk-error-summary") < body.index("<h1")


@pytest.mark.django_db
def test_an_empty_sign_in_links_each_error_to_its_field(client: Client) -> None:
    body = client.post(reverse("account_login"), {}).content.decode()
    assert 'href="#id_login"' in body
    assert 'href="#id_password"' in body
    assert '<span class="govuk-visually-hidden">Error:</span>' in body


@pytest.mark.django_db
def test_signed_in_account_pages_render_in_the_house_layout(world: World) -> None:
    client = Client()
    sign_in(client, world.a.admin.email, with_code=True)
    _assert_house_page(client.get(reverse("mfa_index")), "Your sign-in security")
    _assert_house_page(client.get(reverse("account_change_password")), "Change your password")
    _assert_house_page(client.get(reverse("account_logout")), "Sign out")
    # A centre admin may not turn the app off: the page says why and offers no button.
    body = _assert_house_page(client.get(reverse("mfa_deactivate_totp")), "Error: Turn off your authenticator app")
    assert "Your role needs an authenticator app" in body
    assert "govuk-button--warning" not in body
    _assert_house_page(client.get(reverse("account_reauthenticate")), "Confirm it is you")


@pytest.mark.django_db
def test_the_authenticator_set_up_page_shows_the_qr_code_inline(world: World) -> None:
    client = Client()
    with scopes_disabled():
        Authenticator.objects.filter(user=world.a.staff).delete()
    sign_in(client, world.a.staff.email)
    body = _assert_house_page(client.get(reverse("mfa_activate_totp")), "Set up your authenticator app")
    assert re.search(r'<img[^>]+src="data:image/svg\+xml;base64,[^"]+"[^>]+alt="QR code', body)
    assert 'for="authenticator_secret"' in body
    # After activation the recovery codes page lists the codes.
    from tests.signin.helpers import totp_code

    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    body = _assert_house_page(response, "Your recovery codes")
    assert body.count("<li><code>") == 10


@pytest.mark.django_db
def test_people_cannot_add_or_change_their_own_email_address(world: World) -> None:
    from allauth.account.models import EmailAddress

    client = Client()
    sign_in(client, world.a.staff.email)
    body = _assert_house_page(client.get("/accounts/email/"), "Your email address")
    assert "ask your centre administrator" in body
    client.post("/accounts/email/", {"action_add": "", "email": "pending-invitee@example.test"})
    with scopes_disabled():
        assert not EmailAddress.objects.filter(email="pending-invitee@example.test").exists()
        world.a.staff.refresh_from_db()
        assert world.a.staff.email == "staff@alpha.test"
