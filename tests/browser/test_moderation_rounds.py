"""Journey: the centre submits → the moderator samples and gives "not met" with an action → the centre
resubmits → the moderator gives "met". Both sides see the round history; every page passes axe-core."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django_scopes import scopes_disabled

from tests.browser.conftest import _new_page, assert_accessible, sign_in


@pytest.fixture
def moderator_page(browser: Any) -> Any:
    yield from _new_page(browser, viewport={"width": 1280, "height": 900})


def test_centre_and_moderator_go_round_twice(
    page: Any, moderator_page: Any, live_server: Any, browser_world: Any
) -> None:
    from bridgework.moderation.services import submissions as subs
    from bridgework.moderation.tests import factories as f

    world = browser_world
    f.approved_case(world.a, world.qualification)
    f.activity(world.a, world.qualification, title="Placement at Acme", kind="work_placement")
    with scopes_disabled():
        sub = subs.start(
            centre=world.a.centre, qualification=world.qualification, academic_year="2025/26", actor=world.a.staff
        )
    centre_url = f"{live_server.url}/c/{world.a.centre.number}/moderation/submissions/{sub.pk}/"
    learner = world.a.learner.full_name

    # The centre confirms the claim, signs and submits.
    sign_in(page, live_server, world.a.admin)
    page.goto(f"{live_server.url}/c/{world.a.centre.number}/moderation/")
    assert_accessible(page, label="centre moderation home")
    page.get_by_role("link", name=world.qualification.title, exact=True).click()
    assert_accessible(page, label="centre submission (draft)")
    page.get_by_label("Met", exact=True).check()
    page.get_by_role("button", name="Save claims").click()
    _sign_and_submit(page)
    assert "Submitted, waiting for the moderator" in page.content()
    assert_accessible(page, label="centre submission (submitted)")

    # The moderator samples with a recorded seed, does not confirm the learner and gives "not met".
    mp = moderator_page
    sign_in(mp, live_server, world.moderator)
    assert_accessible(mp, label="moderator queue")
    mp.get_by_role("link", name=world.qualification.title, exact=True).first.click()
    mp.get_by_label("Seed (optional)").fill("42")
    mp.get_by_role("button", name="Draw the sample").click()
    assert "with seed 42 and rule" in mp.locator("main").inner_text()
    mp.get_by_label("Not confirmed", exact=True).check()
    mp.get_by_label("Note (required if not confirmed)").fill("The register is not signed by the employer.")
    mp.get_by_role("button", name="Save verdicts").click()
    mp.get_by_label("Not met", exact=True).check()
    mp.get_by_role("button", name="Record outcome").click()
    assert "For not met, give feedback" in mp.content()  # refused: nothing recorded yet
    assert_accessible(mp, label="moderator decision with errors")
    mp.get_by_label("Not met", exact=True).check()
    mp.get_by_label("Feedback").fill("Registers must be signed by the employer.")
    mp.get_by_label("Improvement action 1").fill("Have the employer sign the placement register.")
    mp.get_by_label("Action 1 due by").fill((date.today() + timedelta(days=21)).isoformat())
    mp.get_by_role("button", name="Record outcome").click()
    assert "Not met: resubmission needed" in mp.content()
    assert_accessible(mp, label="moderator submission (not met)")

    # The centre sees the outcome and the action, marks it done and resubmits (round 2).
    page.goto(centre_url)
    assert "Have the employer sign the placement register." in page.content()
    page.get_by_role("button", name="Mark as done").click()
    page.get_by_role("button", name="Start resubmission").click()
    assert "round 2" in page.content()
    page.get_by_role("button", name="Save claims").click()  # each round's claims are confirmed afresh
    _sign_and_submit(page)
    assert_accessible(page, label="centre submission round 2")

    # The moderator samples round 2 (a new seed), confirms the learner and gives "met".
    mp.reload()
    mp.get_by_role("button", name="Draw the sample").click()
    mp.get_by_label("Confirmed", exact=True).check()
    mp.get_by_role("button", name="Save verdicts").click()
    mp.get_by_label("Met", exact=True).check()
    mp.get_by_role("button", name="Record outcome").click()
    assert mp.locator("h1 + p strong").inner_text() == "Met"
    history = mp.locator("table", has_text="Declaration").inner_text()
    assert "Not met" in history and "Met" in history

    page.reload()
    rounds = page.locator("table", has_text="Declaration")
    assert rounds.locator("tbody > tr").count() == 2 and "Not met" in rounds.inner_text()
    assert learner in page.content()
    assert_accessible(page, label="centre submission (met)")


def _sign_and_submit(page: Any) -> None:
    page.get_by_role("link", name="Sign the declaration").click()
    assert_accessible(page, label="declaration")
    page.get_by_label("Your full name").fill("Ada Alpha")
    page.get_by_label("Your job title").fill("Principal")
    page.get_by_label("I make this declaration as head of centre or their delegate").check()
    page.get_by_role("button", name="Sign the declaration").click()
    page.get_by_role("button", name="Submit to the moderator").click()
