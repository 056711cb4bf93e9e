"""Journey: plan an activity for a unit, confirm it, mark the register on a phone, upload evidence."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in


def _employer_with_checks(world: Any) -> Any:
    from django_scopes import scopes_disabled

    from bridgework.employers.models import Employer, EmployerCheck, EmployerPerson

    with scopes_disabled():
        employer = Employer.objects.create(centre=world.a.centre, legal_name="Acme Engineering Ltd")
        for kind in ("safeguarding", "dbs_decision"):
            EmployerCheck.objects.create(
                centre=world.a.centre, employer=employer, kind=kind, checked_on=timezone.localdate() - timedelta(days=5)
            )
        EmployerPerson.objects.create(
            centre=world.a.centre, given_name="Pat", family_name="Engineer", email="pat@acme.test", is_practitioner=True
        )
    return employer


def test_plan_confirm_register_on_a_phone_and_upload_evidence(
    page: Any, phone_page: Any, live_server: Any, browser_world: Any
) -> None:
    from tests.planner_factories import TINY_PDF

    world = browser_world
    employer = _employer_with_checks(world)
    unit = world.qualification.units.first()

    sign_in(page, live_server, world.a.staff)
    page.get_by_role("link", name="Plans", exact=True).first.click()
    assert_accessible(page, label="plan list")
    page.get_by_role("link", name="Create a plan").click()
    page.select_option("#id_qualification", str(world.qualification.pk))
    page.fill("#id_academic_year", "2025/26")
    page.fill("#id_practitioner_sources", "Local engineering employers")
    page.get_by_role("button", name="Save plan").click()
    assert page.locator("h1").inner_text() == world.qualification.title
    assert_accessible(page, label="plan page")

    # Arrange an activity for the first unit, straight from the plan.
    page.get_by_role("link", name=f"Arrange an activity for unit {unit.number}", exact=True).click()
    assert page.locator(f"input[name='units'][value='{unit.pk}']").is_checked()
    page.fill("#id_title", "Guest lecture: maintenance planning")
    page.select_option("#id_type", "guest_lecture")
    page.select_option("#id_employer", str(employer.pk))
    page.check("#id_health_safety_confirmed")
    page.check("#id_safeguarding_confirmed")
    page.get_by_label("ENG-1 (2025/26)").check()
    assert_accessible(page, label="activity form")
    page.get_by_role("button", name="Save activity").click()
    assert "Guest lecture: maintenance planning" in page.locator("h1").inner_text()

    page.get_by_role("link", name="Add a session").click()
    page.fill("#id_date", timezone.localdate().isoformat())
    page.fill("#id_start", "09:00")
    page.fill("#id_end", "10:00")
    page.fill("#id_place", "Room E12")
    page.get_by_role("button", name="Save session").click()
    page.get_by_role("button", name="Confirm activity").click()
    assert "Confirmed" in page.locator("h1").inner_text()
    assert_accessible(page, label="activity detail")
    activity_url = page.url

    # Mark the register on a phone-sized screen.
    sign_in(phone_page, live_server, world.a.staff)
    phone_page.goto(activity_url)
    phone_page.get_by_role("link", name="Register for").first.click()
    assert_accessible(phone_page, label="register on a phone")
    phone_page.get_by_role("button", name="Mark all present").click()
    assert phone_page.get_by_label("Present").first.is_checked()
    phone_page.get_by_label("Late").first.check()
    phone_page.get_by_role("button", name="Save register").click()
    assert "Register saved" in phone_page.content()
    assert phone_page.get_by_label("Late").first.is_checked()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the register scrolls sideways on a phone ({width}px)"

    # Upload evidence and see the checklist update.
    page.goto(activity_url)
    page.get_by_role("link", name="Upload lecture subject").click()
    page.set_input_files("#id_file", files=[{"name": "outline.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}])
    assert_accessible(page, label="evidence upload")
    page.get_by_role("button", name="Upload").click()
    assert "Evidence uploaded" in page.content()
    assert page.get_by_role("link", name="outline.pdf").count() == 1
    # The subject is uploaded and the complete register makes the attendance record: both ticked off.
    assert page.get_by_role("link", name="Upload lecture subject").count() == 0
    assert page.get_by_role("link", name="Upload attendance or participation record").count() == 0
