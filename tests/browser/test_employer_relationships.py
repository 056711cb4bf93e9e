"""Journey: a second department logs a contact with an employer and is warned who else is engaged; then a
learning agreement is drafted and signed by the centre, the learner and the employer contact."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core import mail
from django_scopes import scopes_disabled

from tests.browser.conftest import assert_accessible, sign_in


def _setup(world: Any) -> dict[str, Any]:
    from bridgework.employers.models import Affiliation, Employer, EmployerPerson, EmployerSite, Interaction
    from bridgework.people.models import Department, Role
    from bridgework.people.services.centres import grant_role
    from tests.world import PASSWORD, make_user

    with scopes_disabled():
        centre = world.a.centre
        employer = Employer.objects.create(
            centre=centre,
            legal_name="Aire Valley Precision Engineering Ltd",
            trading_name="Aire Precision",
            status="active",
            relationship_owner=world.a.staff,
            owner_department=world.a.department,
        )
        EmployerSite.objects.create(centre=centre, employer=employer, name="Works", postcode="LS10 1QN")
        person = EmployerPerson.objects.create(
            centre=centre,
            given_name="Priya",
            family_name="Nair",
            job_title="Training manager",
            email=world.a.employer_user.email,
            user=world.a.employer_user,
            may_use_portal=True,
        )
        Affiliation.objects.create(centre=centre, person=person, employer=employer)
        Interaction.objects.create(
            centre=centre,
            employer=employer,
            occurred_on=date(2026, 1, 12),
            channel="meeting",
            staff=world.a.staff,
            department=world.a.department,
            subject="Placement planning",
        )
        hospitality = Department.objects.create(centre=centre, name="Hospitality")
        chef = make_user("chef@alpha.test", first_name="Grace", last_name="Lewis")
        grant_role(chef, centre, Role.STAFF, department=hospitality)
        world.a.employer_user.set_password(PASSWORD)
        world.a.employer_user.save()
    return {"employer": employer, "chef": chef}


def test_second_department_is_warned_then_all_three_parties_sign(
    page: Any, live_server: Any, browser_world: Any
) -> None:
    world = browser_world
    made = _setup(world)
    employer = made["employer"]

    # 1. Someone from Hospitality finds the employer and logs a contact: they are told who else is engaged.
    sign_in(page, live_server, made["chef"])
    page.get_by_role("link", name="Employers", exact=True).first.click()
    assert_accessible(page, label="employer list")
    page.fill("#q", "aire")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Aire Precision").click()
    assert page.locator("h1").inner_text() == "Aire Precision"
    assert "Others already work with this employer" in page.content()
    assert_accessible(page, label="employer page")
    page.get_by_role("link", name="Log a contact").click()
    warning = page.locator(".govuk-warning-text").inner_text()
    assert "owned by Sid Alpha (Engineering)" in warning
    assert "Placement planning" not in warning and page.get_by_text("Also engaged in the last year").count() == 1
    assert_accessible(page, label="log a contact")
    page.get_by_label("Phone call").check()
    page.get_by_label("Priya Nair").check()
    page.fill("#id_subject", "Catering for the open evening")
    page.fill("#id_outcome", "They also asked about hospitality placements")
    page.get_by_role("button", name="Log contact").click()
    assert "Contact logged." in page.content()
    assert "Contact: Catering for the open evening" in page.locator(".moj-timeline").inner_text()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.a.staff.email]

    # 2. The centre drafts the agreement and signs it.
    page.context.clear_cookies()
    sign_in(page, live_server, world.a.staff)
    page.goto(f"{live_server.url}/c/{world.a.centre.number}/employers/{employer.pk}/agreements/new/")
    assert_accessible(page, label="agreement form")
    page.select_option("#id_learner", label=str(world.a.learner))
    page.select_option("#id_employer_contact", label="Priya Nair")
    page.fill("#id_title", "CNC workshop placement")
    for field in ("objectives", "learning_outcomes", "methods", "protocols", "data_shared", "data_sharing_purpose"):
        page.fill(f"#id_{field}", f"The {field.replace('_', ' ')} for this placement")
    page.fill("#id_starts_on", "2026-04-13")
    page.fill("#id_ends_on", "2026-07-10")
    page.get_by_role("button", name="Save draft").click()
    assert page.locator("h1").inner_text() == "CNC workshop placement"
    page.fill("#id_typed_name", "Sid Alpha")
    page.get_by_role("button", name="Sign agreement").click()
    assert "Signed for the centre." in page.content()
    assert_accessible(page, label="agreement page (staff)")
    agreement_path = page.url.split("/agreements/")[1].split("/")[0]

    # 3. The learner signs in the learner area.
    page.context.clear_cookies()
    sign_in(page, live_server, world.a.learner_user)
    page.goto(f"{live_server.url}/learner/agreements/")
    assert_accessible(page, label="learner agreements")
    page.get_by_role("link", name="CNC workshop placement, version 1").click()
    page.fill("#id_typed_name", "Lee Alpha")
    page.get_by_role("button", name="Sign agreement").click()
    assert "your signature has been recorded" in page.content()
    assert_accessible(page, label="agreement page (learner)")

    # 4. The employer contact signs in the portal: the signed PDF is then available.
    page.context.clear_cookies()
    sign_in(page, live_server, world.a.employer_user)
    page.goto(f"{live_server.url}/portal/agreements/{agreement_path}/")
    assert_accessible(page, label="agreement page (portal, before signing)")
    page.fill("#id_typed_name", "Priya Nair")
    page.get_by_role("button", name="Sign agreement").click()
    assert "Signed" in page.locator(".govuk-tag").first.inner_text()
    assert page.get_by_text("Sign as the").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the signed agreement (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert_accessible(page, label="agreement page (portal, signed)")
