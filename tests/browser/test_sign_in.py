"""Journeys: an admin signs in with a password and an authenticator code; an employer contact signs in with an
emailed code; an admin without an authenticator app is made to set one up. axe-core checks every sign-in page."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django_scopes import scopes_disabled

from tests.browser.conftest import assert_accessible, totp_code
from tests.world import PASSWORD, TOTP_SECRET


def test_an_admin_signs_in_with_password_and_authenticator_code(
    page: Any, live_server: Any, browser_world: Any
) -> None:
    world = browser_world
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.title() == "Sign in – Bridgework"
    assert_accessible(page, label="sign-in page")

    # A mistake first: the GOV.UK error summary, the "Error:" title, and still accessible.
    page.fill("#id_login", world.a.admin.email)
    page.fill("#id_password", "not-my-password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, label="sign-in page with an error")

    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.locator("h1").inner_text() == "Enter your authenticator code"
    assert_accessible(page, label="authenticator code page")

    page.get_by_label("Authenticator code").fill(totp_code(TOTP_SECRET))
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Alpha College"
    assert f"/c/{world.a.centre.number}/" in page.url

    page.get_by_role("link", name="Sign-in security").click()
    assert page.locator("h1").inner_text() == "Your sign-in security"
    assert_accessible(page, label="MFA index")
    for path, heading in [
        ("/accounts/reauthenticate/", "Confirm it is you"),
        ("/accounts/2fa/reauthenticate/", "Confirm it is you"),
        ("/accounts/password/change/", "Change your password"),
        ("/accounts/logout/", "Sign out"),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").inner_text() == heading
        assert_accessible(page, label=path)


def test_an_employer_contact_signs_in_with_an_emailed_code(page: Any, live_server: Any, browser_world: Any) -> None:
    world = browser_world
    mail.outbox.clear()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Sign in with a code instead").click()
    assert page.locator("h1").inner_text() == "Sign in with a code"
    assert_accessible(page, label="request a code page")

    page.get_by_label("Email address").fill(world.a.employer_user.email)
    page.get_by_role("button", name="Email me a code").click()
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page, label="enter the code page")

    assert len(mail.outbox) == 1
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)
    page.get_by_label("Sign-in code").fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.url == f"{live_server.url}/portal/"
    assert_accessible(page, label="employer portal after code sign-in")


def test_an_admin_without_an_authenticator_app_must_set_one_up(page: Any, live_server: Any, browser_world: Any) -> None:
    from allauth.mfa.models import Authenticator

    world = browser_world
    with scopes_disabled():
        Authenticator.objects.filter(user=world.a.admin).delete()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login", world.a.admin.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.locator("h1").inner_text() == "Set up your authenticator app"
    assert page.locator("img[alt^='QR code']").is_visible()
    assert_accessible(page, label="set up authenticator page")

    # Nothing else opens until it is done.
    page.goto(f"{live_server.url}/c/{world.a.centre.number}/")
    assert page.locator("h1").inner_text() == "Set up your authenticator app"

    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code from your app").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on").click()
    assert page.locator("h1").inner_text() == "Your recovery codes"
    assert page.locator(".bw-recovery-codes li").count() == 10
    assert_accessible(page, label="recovery codes page")

    page.get_by_role("button", name="I have saved my codes – continue").click()
    assert page.locator("h1").inner_text() == "Alpha College"


def test_the_locked_out_page_is_accessible(page: Any, live_server: Any, browser_world: Any) -> None:
    from django.conf import settings

    world = browser_world
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_login", world.a.staff.email)
        page.fill("#id_password", "wrong-password-123")
        page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.locator("h1").inner_text() == "Too many sign-in attempts"
    assert_accessible(page, label="locked out page")
