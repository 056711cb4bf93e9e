"""Journey: the centre submits its plan for approval with a supporting file → the moderator asks for further
development → the moderator requests additional evidence, the centre answers with a file → the moderator
records a visit. Every page passes axe-core."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import _new_page, assert_accessible, sign_in


@pytest.fixture
def moderator_page(browser: Any) -> Any:
    yield from _new_page(browser, viewport={"width": 1280, "height": 900})


def test_approval_then_evidence_request_then_visit(
    page: Any, moderator_page: Any, live_server: Any, browser_world: Any, tmp_path: Path
) -> None:
    from bridgework.moderation.tests import factories as f

    world = browser_world
    letter = tmp_path / "acme-letter.pdf"
    letter.write_bytes(f.PDF_BYTES)
    in_a_month = (date.today() + timedelta(days=30)).isoformat()

    sign_in(page, live_server, world.a.staff)
    page.get_by_role("link", name="Moderation", exact=True).click()
    page.get_by_role("button", name=f"Start approval for {world.qualification.title}").click()
    assert_accessible(page, label="centre approval (draft)")
    page.get_by_role("button", name="Submit plan for approval").click()
    assert "Before submitting" in page.content()  # an empty plan is refused
    page.get_by_label("How every learner will get employer involvement").fill("Guest lectures each term; a placement.")
    page.get_by_label("Where practitioners will come from").fill("Acme Engineering and alumni.")
    page.get_by_role("button", name="Save plan").click()
    page.get_by_label("Supporting file").set_input_files(str(letter))
    page.get_by_label("What is it?").fill("Letter from Acme")
    page.get_by_role("button", name="Add file").click()
    assert "acme-letter.pdf" in page.content()
    page.get_by_role("button", name="Submit plan for approval").click()
    assert "Waiting for the moderator" in page.content()
    assert_accessible(page, label="centre approval (submitted)")

    mp = moderator_page
    sign_in(mp, live_server, world.moderator)
    mp.get_by_role("link", name=world.qualification.title, exact=True).click()
    assert_accessible(mp, label="moderator approval")
    mp.get_by_label("b) Requires further development").check()
    mp.get_by_label("Feedback").fill("Name more than one employer.")
    mp.get_by_label("Resubmission deadline").fill(in_a_month)
    mp.get_by_label("Improvement action 1").fill("Name two more employers.")
    mp.get_by_label("Action 1 due by").fill(in_a_month)
    mp.get_by_role("button", name="Record decision").click()
    assert "Requires further development" in mp.content()

    page.reload()
    assert "Name two more employers." in page.content() and "Save plan" in page.content()  # editable again

    # An evidence request on a submission, answered by the centre with a file.
    sub = f.submission(world.a, world.qualification, "submitted")
    mp.goto(f"{live_server.url}/moderator/submissions/{sub.pk}/")
    assert_accessible(mp, label="moderator submission")
    mp.get_by_role("link", name="Request additional evidence").click()
    assert_accessible(mp, label="evidence request form")
    mp.get_by_label("Audit").check()
    mp.get_by_label("Subject").fill("Signed registers")
    mp.get_by_label("What evidence you need").fill("Upload the signed register for the placement.")
    mp.get_by_label("Due by").fill(in_a_month)
    mp.get_by_role("button", name="Send request").click()
    assert "Waiting for the centre" in mp.content()
    assert_accessible(mp, label="moderator request thread")

    page.goto(f"{live_server.url}/c/{world.a.centre.number}/moderation/")
    page.get_by_role("link", name="Signed registers").click()
    page.get_by_label("Message").fill("Attached.")
    page.get_by_label("Attach a file (optional)").set_input_files(str(letter))
    page.get_by_role("button", name="Send reply").click()
    assert "Answered by the centre" in page.content()
    assert_accessible(page, label="centre request thread")

    mp.reload()
    assert "acme-letter.pdf" in mp.content()
    mp.get_by_role("button", name="Close request").click()
    assert "Closed" in mp.content()

    # A visit report, seen by the centre.
    mp.goto(f"{live_server.url}/moderator/")
    assert_accessible(mp, label="moderator queue")
    mp.get_by_role("link", name=f"Record a visit to {world.a.centre.name}").click()
    mp.get_by_label("Qualification").select_option(str(world.qualification.pk))
    mp.get_by_label("Academic year").fill("2025/26")
    mp.get_by_label("Date of visit").fill(date.today().isoformat())
    mp.get_by_label("I reviewed the MEI centre plan").check()
    mp.get_by_label("Other comments").fill("Strong employer links.")
    assert_accessible(mp, label="visit form")
    mp.get_by_role("button", name="Save visit report").click()
    assert_accessible(mp, label="visit report")
    page.goto(f"{live_server.url}/c/{world.a.centre.number}/moderation/")
    page.get_by_role("link", name=f"Visit on {date.today():%-d %B %Y}").click()
    assert "Strong employer links." in page.content()
    assert_accessible(page, label="centre visit report")
