"""Journey: a centre administrator invites a member of staff, the invitee accepts and signs in, and the
administrator deactivates them; their very next request is refused."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from tests.browser.conftest import _new_page, assert_accessible, sign_in

INVITEE_PASSWORD = "a-sturdy-passphrase-2026"


def test_admin_invites_staff_who_joins_and_is_then_deactivated(
    page: Any, browser: Any, live_server: Any, browser_world: Any
) -> None:
    world = browser_world
    mail.outbox.clear()
    sign_in(page, live_server, world.a.admin)
    page.get_by_role("link", name="People", exact=True).first.click()
    assert page.locator("h1").inner_text() == "People"
    assert_accessible(page, label="people list")

    page.get_by_role("link", name="Invite someone").click()
    assert_accessible(page, label="invite form")
    page.get_by_role("button", name="Send invitation").click()  # nothing filled in: errors, not a crash
    assert page.title().startswith("Error:")
    assert_accessible(page, label="invite form with errors")
    page.get_by_label("Email address").fill("new.tutor@alpha.test")
    page.get_by_label("Centre staff").check()
    page.get_by_label("Department (optional)").select_option(label="Engineering")
    page.get_by_role("button", name="Send invitation").click()
    assert "Invitation sent to new.tutor@alpha.test" in page.content()
    assert page.locator("table").last.get_by_text("Pending").count() == 1
    assert_accessible(page, label="people list with a pending invitation")

    # The live server runs in this process, so the invitation email is in the locmem outbox.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[0].body).group(0)
    path = link[link.index("/invitations/") :]

    invitee_pages = _new_page(browser, viewport={"width": 1280, "height": 900})
    invitee = next(invitee_pages)
    try:
        invitee.goto(f"{live_server.url}{path}")
        assert_accessible(invitee, label="invitation accept page")
        invitee.get_by_label("First name").fill("Nia")
        invitee.get_by_label("Last name").fill("Tutor")
        invitee.get_by_label("Password").fill(INVITEE_PASSWORD)
        invitee.get_by_role("button", name="Accept invitation").click()
        invitee.wait_for_load_state()
        assert invitee.locator("h1").inner_text() == "Alpha College"

        # Signing in again later works with the password they chose.
        invitee.get_by_role("button", name="Sign out").click()
        invitee.wait_for_load_state()
        from bridgework.people.models import User

        newcomer = User.objects.get(email="new.tutor@alpha.test")
        sign_in(invitee, live_server, newcomer, password=INVITEE_PASSWORD)
        assert invitee.locator("h1").inner_text() == "Alpha College"
        assert_accessible(invitee, label="the new staff member's home")

        # The administrator deactivates them.
        page.get_by_role("link", name="People", exact=True).first.click()
        assert "Accepted" in page.locator("table").last.inner_text()
        page.get_by_role("link", name=re.compile(r"Deactivate\s+Nia Tutor as centre staff")).click()
        assert "Deactivate Nia Tutor" in page.locator("h1").inner_text()
        assert_accessible(page, label="deactivate confirmation")
        page.get_by_role("button", name="Deactivate").click()
        assert "Their access stopped at once" in page.content()
        assert_accessible(page, label="people list after deactivation")

        # Their next request is refused, although their session is still open.
        response = invitee.goto(f"{live_server.url}/c/{world.a.centre.number}/learners/")
        assert response.status == 404
    finally:
        next(invitee_pages, None)  # closes the invitee's browser context
