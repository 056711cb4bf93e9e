"""Activity pages: create with validation, sessions, learners, list filters and constant query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from bridgework.activities.models import Activity, ActivitySession, Contingency
from bridgework.activities.services.registers import mark_learner
from bridgework.catalogue.models import Unit
from tests.planner_factories import make_activity

pytestmark = pytest.mark.django_db


def test_an_activity_with_a_unit_of_another_qualification_is_refused(world: Any, staff_client: Client) -> None:
    stray = Unit.objects.filter(qualification__requires_mei=True).exclude(qualification=world.qualification).first()
    response = staff_client.post(
        f"/c/{world.a.centre.number}/activities/new/",
        {
            "title": "Guest lecture",
            "type": "guest_lecture",
            "qualifications": [world.qualification.pk],
            "units": [stray.pk],
            "academic_year": "2025/26",
            "delivery": "live",
        },
    )
    assert response.status_code == 200
    assert "belong to another qualification" in response.content.decode()
    with scopes_disabled():
        assert not Activity.objects.exists()


def test_create_an_activity_then_its_session_and_learners(world: Any, staff_client: Client) -> None:
    unit = world.qualification.units.first()
    response = staff_client.post(
        f"/c/{world.a.centre.number}/activities/new/",
        {
            "title": "Master class: PLCs",
            "type": "master_class",
            "qualifications": [world.qualification.pk],
            "units": [unit.pk],
            "academic_year": "2025/26",
            "delivery": "live",
            "teaching_groups": [world.a.group.pk],
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        activity = Activity.objects.get()
        assert list(activity.participants.values_list("learner_id", flat=True)) == [world.a.learner.pk]
    base = f"/c/{world.a.centre.number}/activities/{activity.pk}/sessions/new/"
    bad = staff_client.post(base, {"date": "2026-03-10", "start": "14:00", "end": "13:00", "place": "Lab"})
    assert bad.status_code == 200 and "end time must be after the start" in bad.content.decode()
    good = staff_client.post(base, {"date": "2026-03-10", "start": "13:00", "end": "14:30", "place": "Lab"})
    assert good.status_code == 302
    with scopes_disabled():
        assert ActivitySession.objects.count() == 1
    page = staff_client.get(f"/c/{world.a.centre.number}/activities/{activity.pk}/").content.decode()
    assert "Master class: PLCs" in page and "DfE category 3" in page and "Evidence checklist" in page


def test_ineligible_activities_are_labelled(world: Any, staff_client: Client) -> None:
    with scopes_disabled():
        fair = make_activity(world, world.a, type="careers_fair", title="Careers fair")
    page = staff_client.get(f"/c/{world.a.centre.number}/activities/{fair.pk}/").content.decode()
    assert "never counts as meaningful employer involvement" in page


def test_a_delivered_activity_still_shows_paperwork_to_follow_up(world: Any, staff_client: Client) -> None:
    with scopes_disabled():
        lecture = make_activity(world, world.a, title="Lecture")
        url = f"/c/{world.a.centre.number}/activities/{lecture.pk}/"
        assert "Paperwork to follow up" not in staff_client.get(url).content.decode()  # planned: the guard says it
        Activity.objects.filter(pk=lecture.pk).update(status="delivered", safeguarding_confirmed=False)
    page = staff_client.get(url).content.decode()
    assert "Paperwork to follow up" in page and "Confirm that safeguarding arrangements are in place." in page


def test_a_contingency_is_recorded_for_an_absent_learner(world: Any, activity: Any, staff_client: Client) -> None:
    with scopes_disabled():
        session = activity.sessions.first()
    url = f"/c/{world.a.centre.number}/activities/{activity.pk}/sessions/{session.pk}/contingency/{world.a.learner.pk}/"
    data = {"kind": "recording_watched", "description": "Watched the recording in the LRC"}
    refused = staff_client.post(url, data)
    assert "marked absent" in refused.content.decode()
    with scopes_disabled():
        mark_learner(session, world.a.learner.pk, "absent", by=world.a.staff)
    assert staff_client.post(url, data).status_code == 302
    with scopes_disabled():
        assert Contingency.objects.get().kind == "recording_watched"


def test_the_activity_list_filters_and_keeps_its_query_count(world: Any, staff_client: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (2, 20):
        with scopes_disabled():
            Activity.objects.all().delete()
            for i in range(n):
                make_activity(world, world.a, title=f"Lecture {i}", sessions=2)
        staff_client.get(f"/c/{world.a.centre.number}/activities/")  # warm up: first-request session work
        with CaptureQueriesContext(connection) as ctx:
            page = staff_client.get(f"/c/{world.a.centre.number}/activities/")
        assert page.status_code == 200 and f"{n} activities" in page.content.decode()
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
    filtered = staff_client.get(f"/c/{world.a.centre.number}/activities/?q=Lecture+1&status=planned").content.decode()
    assert "Lecture 1" in filtered and "Lecture 2<" not in filtered
