"""Journey: a coordinator opens the compliance dashboard, follows an at-risk learner to the reason, the
register is marked, and the learner's page shows them met on the next load (no CSP violation from charts)."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from bridgework.compliance.tests import factories as f
from tests.browser.conftest import assert_accessible, sign_in


def test_at_risk_learner_becomes_met_after_the_register(page: Any, live_server: Any, browser_world: Any) -> None:
    world = browser_world
    f.use_real_clock()
    try:
        with scopes_disabled():
            q = f.qualification()
            met = f.learner(world.a.centre, q)
            at_risk = f.learner(world.a.centre, q)
            lecture = f.activity(
                world.a.centre, q, type="practical_activity", sessions=(f.past(days=2),), title="Bridge design task"
            )
            lecture.employer.legal_name = "Arup"
            lecture.employer.save()
            for e in (met, at_risk):
                f.join(lecture, e)
            f.mark(lecture, met, "present")
            f.mark(lecture, at_risk, "absent")
            name = at_risk.learner.full_name
    finally:
        f.use_fixed_clock()

    sign_in(page, live_server, world.a.staff)
    page.get_by_role("link", name="Compliance", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Employer involvement compliance"
    assert page.locator("figure.bw-chart svg").count() == 1
    assert_accessible(page, label="compliance dashboard")

    page.get_by_role("link", name="See every learner at risk or not met").click()
    assert_accessible(page, label="at-risk list")
    row = page.locator("tbody tr", has_text=name)
    assert "missed the session on" in row.inner_text()
    row.get_by_role("link", name=name).click()

    panel = page.locator(".govuk-summary-card", has_text=q.title)
    assert "At risk" in panel.inner_text()
    assert "Not attended in full" in panel.inner_text()
    assert_accessible(page, label="learner page with compliance panel")

    # The register is corrected (the planner's register page records the same row): present after all.
    with scopes_disabled():
        f.mark(lecture, at_risk, "present")
    page.reload()
    panel = page.locator(".govuk-summary-card", has_text=q.title)
    assert "Met by: practical activity by Arup" in panel.inner_text()
    assert "Unit 1 — live" in panel.inner_text()
    assert_accessible(page, label="learner page, met")
