"""Journey on a phone-sized screen: a learner writes a journal entry and shares it with their employer
contact; the employer signs in with an emailed code, reads it, leaves feedback and writes an expert witness
statement. axe-core checks every learner and portal page on the way."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in


def _setup(world: Any) -> Any:
    from django_scopes import scopes_disabled

    from bridgework.portfolio.services import entries, sharing
    from bridgework.portfolio.tests.factories import employer_person, grant_sharing, journal_entry

    with scopes_disabled():
        person = employer_person(world.a.centre, world.a.employer_user)
        activity = grant_sharing(world.a.learner, person)
        activity.practitioners.add(person)
        # A session this practitioner delivered yesterday, marked by the college: a register to confirm.
        from bridgework.activities.models import ActivitySession, AttendanceMark

        start = timezone.now() - timezone.timedelta(days=1)
        session = ActivitySession.objects.create(
            centre=world.a.centre, activity=activity, starts_at=start, ends_at=start + timezone.timedelta(hours=2)
        )
        AttendanceMark.objects.create(centre=world.a.centre, session=session, learner=world.a.learner, mark="present")
        earlier = journal_entry(
            world.a.learner, title="Induction day", happened_on=timezone.localdate() - timezone.timedelta(days=7)
        )
        update = entries.create_weekly_update(world.a.learner, entries.week_start_of(earlier.happened_on), "Week one")
        sharing.share(world.a.learner, person, update=update)
    return person


def test_learner_shares_an_entry_and_the_employer_reads_it_and_responds(
    phone_page: Any, live_server: Any, browser_world: Any
) -> None:
    page, world = phone_page, browser_world
    person = _setup(world)

    # The learner writes an entry and shares it.
    sign_in(page, live_server, world.a.learner_user)
    page.goto(f"{live_server.url}/learner/portfolio/")
    assert_accessible(page, label="learner portfolio")
    page.get_by_role("link", name="Write an entry").click()
    assert_accessible(page, label="entry form")
    page.get_by_label("Title").fill("Fixed the stores printer")
    page.get_by_label("What happened").fill("I traced the fault to a loose cable and fixed it.")
    page.get_by_label("What I think about it").fill("Check the simple things first.")
    page.get_by_role("button", name="Save entry").click()
    assert page.locator("h1").inner_text() == "Fixed the stores printer"
    assert_accessible(page, label="entry page")
    page.get_by_role("link", name="Share with an employer contact").click()
    assert_accessible(page, label="share form")
    page.get_by_label(person.full_name).check()
    page.get_by_role("button", name="Share").click()
    assert "Can see it now" in page.content()
    page.goto(f"{live_server.url}/learner/portfolio/sharing/")
    assert_accessible(page, label="who can see what")
    page.get_by_role("button", name="Sign out").click()

    # The employer signs in with an emailed code: no password.
    mail.outbox.clear()
    page.goto(f"{live_server.url}/accounts/login/code/")
    assert_accessible(page, label="request a sign-in code")
    page.fill('input[name="email"]', world.a.employer_user.email)
    page.press('input[name="email"]', "Enter")
    page.wait_for_load_state()
    assert_accessible(page, label="enter the sign-in code")
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4}|[A-Z0-9]{6,})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    page.fill('input[name="code"]', code)
    page.press('input[name="code"]', "Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Your learners"
    assert_accessible(page, label="portal home")

    page.get_by_role("link", name=world.a.learner.full_name).click()
    assert_accessible(page, label="portal learner")
    page.get_by_role("link", name="Weekly update: Week beginning").click()
    assert_accessible(page, label="portal weekly update")
    page.go_back()
    page.get_by_role("link", name="Fixed the stores printer").click()
    assert "loose cable" in page.content()
    assert world.a.learner.mis_ref not in page.content()
    assert_accessible(page, label="portal entry")
    page.get_by_label("Your feedback").fill("Good diagnosis. Next time, label the cable.")
    page.get_by_role("button", name="Save feedback").click()
    assert "Feedback saved" in page.content()
    assert_accessible(page, label="portal entry after feedback")

    page.get_by_role("link", name=world.a.learner.full_name).click()
    page.get_by_role("link", name="Write an expert witness statement").click()
    assert_accessible(page, label="witness statement form")
    page.get_by_label("Unit", exact=True).select_option(index=1)
    page.get_by_label("Date observed").fill(timezone.localdate().isoformat())
    page.get_by_label("Your role in the assessment").fill("Expert witness for the practical task.")
    page.get_by_label("What you observed").fill("Diagnosed and fixed a printer fault safely.")
    page.get_by_label("Why you are suitable").fill("I run IT support and train apprentices.")
    page.get_by_label("Your full name").fill(person.full_name)
    page.get_by_role("button", name="Sign and send").click()
    assert page.locator("h1").inner_text() == "Expert witness statement"
    assert_accessible(page, label="witness statement")

    # On a phone the menu folds away: the portal home links to everything too.
    page.goto(f"{live_server.url}/portal/")
    page.get_by_role("link", name="Assignment deadlines and activity dates").click()
    assert_accessible(page, label="portal deadlines")
    page.go_back()
    page.get_by_role("link", name="Registers of your sessions").click()
    assert_accessible(page, label="portal registers")
    page.get_by_role("button", name="Confirm this register").click()
    assert "Register confirmed" in page.content() and "Confirmed" in page.locator("main").inner_text()
    assert_accessible(page, label="portal registers after confirming")
