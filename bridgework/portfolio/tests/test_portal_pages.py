"""Employer portal pages: learners, shared items, feedback, expert witness statements, deadlines, registers."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.portfolio.models import ExpertWitnessStatement, Feedback
from bridgework.portfolio.services import sharing
from bridgework.portfolio.tests.factories import journal_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(world) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.a.employer_user)
    return client


def test_home_lists_their_learner_with_what_is_shared(world, employer, setup_a) -> None:
    page = employer.get(reverse("portal:home")).content.decode()
    assert world.a.learner.full_name in page
    assert "2 items shared with you" in page


def test_feedback_is_saved_plain_and_shown_to_the_learner_and_centre(world, employer, setup_a) -> None:
    url = reverse("portal:entry_feedback", kwargs={"pk": setup_a.entry.pk})
    assert employer.post(url, {"text": "<b>Great</b> set-up, well done."}).status_code == 302
    with scopes_disabled():
        assert Feedback.objects.get(entry=setup_a.entry).person == setup_a.person
    learner = Client()
    learner.force_login(world.a.learner_user)
    page = learner.get(reverse("learner:entry_detail", kwargs={"pk": setup_a.entry.pk})).content.decode()
    assert "&lt;b&gt;Great&lt;/b&gt; set-up" in page
    staff = Client()
    staff.force_login(world.a.staff)
    staff_page = staff.get(
        reverse("staff:portfolio_entry", kwargs={"centre": world.a.centre.number, "pk": setup_a.entry.pk})
    ).content.decode()
    assert "set-up, well done" in staff_page
    assert employer.post(url, {"text": "   "}).status_code == 400


def test_it_records_an_expert_witness_statement_against_a_unit(world, employer, setup_a) -> None:
    unit = world.a.enrolment.qualification.units.first()
    response = employer.post(
        reverse("portal:witness_create", kwargs={"pk": world.a.learner.pk}),
        {
            "unit": unit.pk,
            "activity": setup_a.activity.pk,
            "observed_on": timezone.localdate().isoformat(),
            "role_in_assessment": "Observed the practical task.",
            "what_observed": "Set up and used the lathe safely.",
            "credentials": "Chartered engineer.",
            "why_suitable": "Trains apprentices on this machine.",
            "signed_name": "Priya Shah",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert ExpertWitnessStatement.objects.filter(learner=world.a.learner, unit=unit).count() == 2
    staff = Client()
    staff.force_login(world.a.staff)
    page = staff.get(reverse("staff:portfolio_statements", kwargs={"centre": world.a.centre.number}))
    assert "Priya Shah" in page.content.decode()


def test_it_refuses_a_witness_statement_for_a_future_date(world, employer, setup_a) -> None:
    unit = world.a.enrolment.qualification.units.first()
    response = employer.post(
        reverse("portal:witness_create", kwargs={"pk": world.a.learner.pk}),
        {
            "unit": unit.pk,
            "observed_on": (timezone.localdate() + timezone.timedelta(days=3)).isoformat(),
            "role_in_assessment": "r",
            "what_observed": "w",
            "credentials": "c",
            "why_suitable": "y",
            "signed_name": "Priya Shah",
        },
    )
    page = response.content.decode()
    assert "today or in the past" in page and "Error: " in page


def test_deadlines_and_registers_show_their_learners_only(world, employer, setup_a) -> None:
    from bridgework.portfolio.tests.factories import portal_setup

    with scopes_disabled():
        portal_setup(world, world.b)
    deadlines = employer.get(reverse("portal:deadlines")).content.decode()
    assert deadlines.count("Unit 1 assignment") == 1
    registers = employer.get(reverse("portal:registers")).content.decode()
    assert world.a.learner.full_name in registers and world.b.learner.full_name not in registers


@pytest.mark.parametrize("rows", [2, 20])
def test_portal_pages_query_count_does_not_grow(world, employer, setup_a, django_assert_max_num_queries, rows) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        for i in range(rows):
            entry = journal_entry(world.a.learner, title=f"Shared {i}")
            sharing.share(world.a.learner, setup_a.person, entry=entry)
    for name, kwargs in [("portal:home", {}), ("portal:learner", {"pk": world.a.learner.pk})]:
        with django_assert_max_num_queries(22):
            assert employer.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
def test_staff_entry_list_query_count_does_not_grow(world, setup_a, django_assert_max_num_queries, rows) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        for i in range(rows):
            journal_entry(world.a.learner, title=f"Entry {i}")
    staff = Client()
    staff.force_login(world.a.staff)
    with django_assert_max_num_queries(14):
        url = reverse("staff:portfolio_entries", kwargs={"centre": world.a.centre.number})
        assert staff.get(url).status_code == 200


def test_staff_cite_a_shared_entry_but_never_see_a_private_one(world, setup_a) -> None:
    staff = Client()
    staff.force_login(world.a.staff)
    with scopes_disabled():
        private = journal_entry(world.a.learner, title="Private", shared_with_centre=False)
    assert (
        staff.get(
            reverse("staff:portfolio_entry", kwargs={"centre": world.a.centre.number, "pk": private.pk})
        ).status_code
        == 404
    )
    url = reverse("staff:portfolio_entry_cite", kwargs={"centre": world.a.centre.number, "pk": setup_a.entry.pk})
    assert staff.post(url, {"activity": setup_a.activity.pk}).status_code == 302
    again = staff.post(url, {"activity": setup_a.activity.pk})
    assert again.status_code == 400 and "already cited" in again.content.decode()


def test_a_practitioner_confirms_a_register_from_the_portal(world, employer, setup_a) -> None:
    from bridgework.portfolio.models import PortalAccessLog, PortalAction

    with scopes_disabled():
        session = setup_a.activity.sessions.get()
    page = employer.get(reverse("portal:registers")).content.decode()
    assert "Confirm this register" in page
    response = employer.post(reverse("portal:register_confirm", kwargs={"pk": session.pk}))
    assert response.status_code == 302
    with scopes_disabled():
        session.refresh_from_db()
        assert session.practitioner_confirmed_by_id == setup_a.person.pk and session.practitioner_confirmed_at
        assert PortalAccessLog.objects.filter(action=PortalAction.CONFIRM_REGISTER).count() == 1
    page = employer.get(reverse("portal:registers")).content.decode()
    assert "Confirm this register" not in page and "Confirmed" in page


def test_a_register_not_yet_started_cannot_be_confirmed(world, employer, setup_a) -> None:
    from datetime import timedelta

    from django.utils import timezone

    with scopes_disabled():
        session = setup_a.activity.sessions.get()
        session.starts_at = timezone.now() + timedelta(days=1)
        session.ends_at = session.starts_at + timedelta(hours=1)
        session.save()
    response = employer.post(reverse("portal:register_confirm", kwargs={"pk": session.pk}), follow=True)
    assert "has not started yet" in response.content.decode()
    with scopes_disabled():
        session.refresh_from_db()
        assert session.practitioner_confirmed_at is None
