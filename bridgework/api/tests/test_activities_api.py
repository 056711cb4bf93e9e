from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.activities.models import Activity, ActivityStatus, AttendanceMark, Contingency
from bridgework.activities.types import ActivityType
from bridgework.employers.tests.conftest import make_employer
from bridgework.learners.models import Learner
from tests.planner_factories import at, make_activity

pytestmark = pytest.mark.django_db


def _body(world: Any, **changes: Any) -> dict[str, Any]:
    day = timezone.localdate() + timedelta(days=14)
    return {
        "title": "Guest lecture: maintenance planning",
        "type": "guest_lecture",
        "qualification": world.qualification.pk,
        "units": [world.qualification.units.first().number],
        "learners": [world.a.learner.pk],
        "sessions": [{"starts_at": f"{day}T10:00:00", "ends_at": f"{day}T11:00:00"}],
        **changes,
    }


def test_it_creates_and_reads_an_activity(api, world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        employer = make_employer(world.a.centre, "Acme Ltd")
    status, created = api("POST", "/activities", _body(world, employer=employer.pk, delivery="recorded"))
    assert status == 201, created
    session = created["sessions"][0]
    day = timezone.localdate() + timedelta(days=14)
    assert datetime.fromisoformat(session["starts_at"]) == at(day, 10)  # no offset given: the centre's local time
    assert created == {
        **created,
        "type": "guest_lecture",
        "qualification": world.qualification.pk,
        "qualifications": [world.qualification.pk],
        "employer": employer.pk,
        "delivery": "recorded",
        "status": "planned",
        "learners": [world.a.learner.pk],
    }
    assert api("GET", f"/activities/{created['id']}") == (200, created)
    with scopes_disabled():
        activity = Activity.objects.get(pk=created["id"])
        assert activity.created_by == world.a.admin and activity.sessions.count() == 1


@pytest.mark.parametrize(
    ("changes", "status", "detail"),
    [
        ({"qualification": 999_999}, 422, "There is no qualification with id 999999 in the catalogue."),
        ({"units": ["Z99"]}, 422, "has no unit numbered 'Z99'."),
        ({"type": "careers_chat"}, 422, "Invalid request."),
        ({"delivery": "telepathy"}, 422, "Invalid request."),
        ({"title": ""}, 422, "Invalid request."),
        (
            {"sessions": [{"starts_at": "2026-03-02T11:00:00Z", "ends_at": "2026-03-02T10:00:00Z"}]},
            422,
            "The end must be after the start.",
        ),
        ({"sessions": [{"starts_at": "1066-10-14T09:00:00Z", "ends_at": "1066-10-14T17:00:00Z"}]}, 422, "Invalid"),
        ({"learners": [999_999]}, 404, "There is no learner with id 999999 at this centre."),
        ({"learners": [2**63]}, 422, "Invalid request."),  # beyond any database id: refused, not a crash
        ({"employer": 999_999}, 404, "There is no employer with id 999999 at this centre."),
    ],
)
def test_it_refuses_an_invalid_activity_and_saves_nothing(api, world, changes, status, detail):  # type: ignore[no-untyped-def]
    answer, error = api("POST", "/activities", _body(world, **changes))
    assert answer == status and detail in error["detail"], error
    with scopes_disabled():
        assert not Activity.objects.filter(centre=world.a.centre).exists()


def test_it_will_not_link_another_centres_employer_or_learner(api, world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        theirs = make_employer(world.b.centre, "Beta Partner Ltd")
        kept = make_employer(world.a.centre, "Kept Ltd")
        merged = make_employer(world.a.centre, "Merged Ltd", merged_into=kept)
    assert api("POST", "/activities", _body(world, employer=theirs.pk))[0] == 404
    assert api("POST", "/activities", _body(world, learners=[world.b.learner.pk]))[0] == 404
    status, error = api("POST", "/activities", _body(world, employer=merged.pk))
    assert (status, error["detail"]) == (
        422,
        f"Employer {merged.pk} was merged into employer {kept.pk}: use that record.",
    )


def test_it_does_not_show_another_centres_activity(api, world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        theirs = make_activity(world, world.b)
    status, error = api("GET", f"/activities/{theirs.pk}")
    assert (status, error["detail"]) == (404, f"There is no activity with id {theirs.pk} at this centre.")


def test_it_filters_activities(api, world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        employer = make_employer(world.a.centre, "Acme Ltd")
        lecture = make_activity(world, world.a, employer=employer)
        visit = make_activity(world, world.a, type=ActivityType.EMPLOYER_VISIT, status=ActivityStatus.CONFIRMED)
        make_activity(world, world.b)
    assert api("GET", "/activities")[1]["count"] == 2
    assert [a["id"] for a in api("GET", "/activities?type=employer_visit")[1]["items"]] == [visit.pk]
    assert [a["id"] for a in api("GET", "/activities?status=confirmed")[1]["items"]] == [visit.pk]
    assert [a["id"] for a in api("GET", f"/activities?employer={employer.pk}")[1]["items"]] == [lecture.pk]
    assert api("GET", f"/activities?qualification={world.qualification.pk}")[1]["count"] == 2
    assert api("GET", "/activities?qualification=999999")[1]["count"] == 0
    assert api("GET", "/activities?academic_year=2025/26")[1]["count"] == 2
    assert api("GET", "/activities?status=finished")[0] == 422


def test_listing_activities_takes_the_same_queries_for_2_or_20(api, world, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    def add(count: int) -> None:
        with scopes_disabled():
            for _ in range(count):
                make_activity(world, world.a, sessions=2)

    add(2)
    with django_assert_max_num_queries(20) as two:
        assert api("GET", "/activities")[1]["count"] == 2
    limit = len(two.captured_queries)
    add(18)
    with django_assert_max_num_queries(limit):
        page = api("GET", "/activities")[1]
    assert page["count"] == 20 and all(len(a["sessions"]) == 2 and a["learners"] for a in page["items"])


# --- registers ----------------------------------------------------------------------------------------------


@pytest.fixture
def session(world):  # type: ignore[no-untyped-def]
    return make_activity(world, world.a).sessions.get()


@pytest.mark.parametrize("status", [ActivityStatus.PLANNED, ActivityStatus.CANCELLED, ActivityStatus.EVIDENCED])
def test_a_finished_session_is_marked_whatever_the_activitys_status(api, world, session, status):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        Activity.objects.filter(pk=session.activity_id).update(status=status)
    answer, register = api(
        "PUT", f"/sessions/{session.pk}/attendance", [{"learner": world.a.learner.pk, "mark": "late"}]
    )
    assert answer == 200, register
    assert register["session"] == session.pk and register["activity"] == session.activity_id
    [line] = register["marks"]
    assert (line["learner"], line["mark"], line["on_register"]) == (world.a.learner.pk, "late", True)
    with scopes_disabled():
        assert AttendanceMark.objects.get(session=session).marked_by == world.a.admin


def test_the_activity_flags_its_missing_paperwork_and_the_register_is_still_marked(api, world, session):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        Activity.objects.filter(pk=session.activity_id).update(
            status=ActivityStatus.DELIVERED, health_safety_confirmed=False, safeguarding_confirmed=True
        )
    assert (
        api("PUT", f"/sessions/{session.pk}/attendance", [{"learner": world.a.learner.pk, "mark": "present"}])[0] == 200
    )
    status, activity = api("GET", f"/activities/{session.activity_id}")
    assert status == 200 and "Confirm that health and safety arrangements are in place." in activity["missing_checks"]
    with scopes_disabled():
        Activity.objects.filter(pk=session.activity_id).update(health_safety_confirmed=True)
    after = api("GET", f"/activities/{session.activity_id}")[1]["missing_checks"]
    assert len(after) == len(activity["missing_checks"]) - 1 and not any("health and safety" in m for m in after)


def test_an_empty_list_changes_nothing_and_shows_the_register(api, world, session):  # type: ignore[no-untyped-def]
    status, register = api("PUT", f"/sessions/{session.pk}/attendance", [])
    assert status == 200
    assert register["marks"] == [{"learner": world.a.learner.pk, "mark": None, "marked_at": None, "on_register": True}]


def test_only_the_activitys_learners_can_be_marked(api, world, session):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        outsider = Learner.objects.create(
            centre=world.a.centre, given_name="Otto", family_name="Outside", date_of_birth=world.a.learner.date_of_birth
        )
    body = [{"learner": world.a.learner.pk, "mark": "present"}, {"learner": outsider.pk, "mark": "present"}]
    status, error = api("PUT", f"/sessions/{session.pk}/attendance", body)
    assert (status, error["detail"]) == (422, "Otto Outside is not taking part in this activity: add them to it first.")
    with scopes_disabled():
        assert not AttendanceMark.objects.exists()  # one refused line saves nothing


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        (lambda w: [{"learner": w.b.learner.pk, "mark": "present"}], 404, "There is no learner with id"),
        (lambda w: [{"learner": w.a.learner.pk, "mark": "asleep"}], 422, "Invalid request."),
        (
            lambda w: [{"learner": w.a.learner.pk, "mark": "present"}, {"learner": w.a.learner.pk, "mark": "absent"}],
            422,
            "is listed more than once",
        ),
        (lambda w: {"learner": w.a.learner.pk, "mark": "present"}, 422, "Invalid request."),
        (lambda w: [{"learner": n, "mark": "present"} for n in range(1, 2002)], 422, "at most 2000 marks"),
    ],
)
def test_it_refuses_invalid_marks(api, world, session, body, status, detail):  # type: ignore[no-untyped-def]
    answer, error = api("PUT", f"/sessions/{session.pk}/attendance", body(world))
    assert answer == status and detail in error["detail"], error


def test_another_centres_session_is_not_found(api, world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        theirs = make_activity(world, world.b).sessions.get()
    status, error = api(
        "PUT", f"/sessions/{theirs.pk}/attendance", [{"learner": world.b.learner.pk, "mark": "present"}]
    )
    assert (status, error["detail"]) == (404, f"There is no session with id {theirs.pk} at this centre.")
    with scopes_disabled():
        assert not AttendanceMark.objects.exists()


# --- contingencies ------------------------------------------------------------------------------------------


def _contingency(world: Any, session: Any, **changes: Any) -> dict[str, Any]:
    return {
        "learner": world.a.learner.pk,
        "missed_session": session.pk,
        "kind": "recording_watched",
        "description": "Watched the recording and wrote up the questions.",
        **changes,
    }


def test_it_records_a_contingency_for_a_missed_session(api, world, session):  # type: ignore[no-untyped-def]
    api("PUT", f"/sessions/{session.pk}/attendance", [{"learner": world.a.learner.pk, "mark": "absent"}])
    status, created = api("POST", "/contingencies", _contingency(world, session, completed_on="2026-01-10"))
    assert status == 201, created
    assert created == {
        "id": created["id"],
        "learner": world.a.learner.pk,
        "missed_session": session.pk,
        "kind": "recording_watched",
        "description": "Watched the recording and wrote up the questions.",
        "completed_on": "2026-01-10",
        "replacement_activity": None,
    }
    with scopes_disabled():
        assert Contingency.objects.get().recorded_by == world.a.admin


def test_a_contingency_needs_only_the_learner_the_session_and_a_description(api, world, session):  # type: ignore[no-untyped-def]
    api("PUT", f"/sessions/{session.pk}/attendance", [{"learner": world.a.learner.pk, "mark": "excused"}])
    body = {"learner": world.a.learner.pk, "missed_session": session.pk, "description": "Shadowed a technician."}
    status, created = api("POST", "/contingencies", body)
    assert status == 201, created
    assert (created["kind"], created["completed_on"]) == ("other", None)


def test_it_refuses_a_contingency_for_a_learner_who_attended(api, world, session):  # type: ignore[no-untyped-def]
    api("PUT", f"/sessions/{session.pk}/attendance", [{"learner": world.a.learner.pk, "mark": "present"}])
    status, error = api("POST", "/contingencies", _contingency(world, session))
    assert status == 422
    assert error["detail"] == "A contingency is for a learner marked absent, excused or left early at this session."


def test_it_refuses_an_invalid_contingency(api, world, session):  # type: ignore[no-untyped-def]
    api("PUT", f"/sessions/{session.pk}/attendance", [{"learner": world.a.learner.pk, "mark": "excused"}])
    with scopes_disabled():
        theirs = make_activity(world, world.b)
        their_session = theirs.sessions.get().pk
    status, error = api("POST", "/contingencies", _contingency(world, session, kind="other_activity"))
    assert (status, error["detail"], error["field"]) == (
        422,
        "Choose the activity the learner took part in instead.",
        "replacement_activity",
    )
    assert api("POST", "/contingencies", _contingency(world, session, replacement_activity=theirs.pk))[0] == 404
    with scopes_disabled():
        last_year = make_activity(world, world.a, title="Last year's lecture")
        Activity.objects.filter(pk=last_year.pk).update(academic_year="2019/20")
    status, error = api("POST", "/contingencies", _contingency(world, session, replacement_activity=last_year.pk))
    assert (status, error["field"]) == (422, "replacement_activity") and "same academic year" in error["detail"]
    assert api("POST", "/contingencies", _contingency(world, session, learner=world.b.learner.pk))[0] == 404
    assert api("POST", "/contingencies", _contingency(world, session, missed_session=their_session))[0] == 404
    assert api("POST", "/contingencies", _contingency(world, session, description=" "))[0] == 422
    assert api("POST", "/contingencies", _contingency(world, session, kind="daydreaming"))[0] == 422
    with scopes_disabled():
        assert not Contingency.objects.exists()
