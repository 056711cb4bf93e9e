"""Journey: a member of staff signs in, finds a learner and opens their record."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import assert_accessible, sign_in


def test_staff_signs_in_finds_a_learner_and_opens_their_page(page: Any, live_server: Any, browser_world: Any) -> None:
    world = browser_world
    page.goto(f"{live_server.url}/")
    assert_accessible(page, label="landing page")
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page, label="sign-in page")

    sign_in(page, live_server, world.a.staff)
    assert page.locator("h1").inner_text() == "Alpha College"
    assert_accessible(page, label="staff home")

    page.get_by_role("link", name="Learners", exact=True).first.click()
    assert_accessible(page, label="learner list")
    page.fill("#q", world.a.learner.family_name)
    page.get_by_role("button", name="Search").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    # Another centre's learner with the same given name never appears.
    assert world.b.learner.family_name not in page.content()

    rows.first.get_by_role("link").click()
    assert page.locator("h1").inner_text() == world.a.learner.full_name
    enrolments = page.get_by_role("table", name="Enrolments and whether employer involvement is required")
    assert "Required" in enrolments.inner_text()  # 16 on 31 August, engineering Tech Level
    assert_accessible(page, label="learner page")
