"""Registers imported from a spreadsheet: checked row by row, written by the register service, idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, Participant
from bridgework.imports.models import ImportState
from bridgework.imports.tests.helpers import check, csv_file, run_import, upload, xlsx_file
from bridgework.learners.demo import uln_from
from bridgework.learners.models import Enrolment, Learner
from tests.planner_factories import at, make_activity

pytestmark = pytest.mark.django_db
HEADERS = ["Activity", "Date", "Start time", "Student ID", "Mark"]
TITLE = "Guest lecture: maintenance planning"


@dataclass
class Lecture:
    activity: Activity
    day: date  # the day of its first session (a week ago, ended)
    learners: list[Learner]  # taking part; the first is the world's learner
    outsider: Learner  # at the centre, not taking part


@pytest.fixture
def lecture(world: Any) -> Lecture:
    """GIVEN an activity whose paperwork is incomplete (planned, health and safety not confirmed) with two
    ended sessions a week ago, four learners taking part and one learner who is not."""
    activity = make_activity(world, world.a, title=TITLE, sessions=2)
    assert activity.status == "planned" and not activity.health_safety_confirmed
    learners = [world.a.learner]
    for i in range(1, 5):
        learner = Learner.objects.create(
            centre=world.a.centre,
            given_name=f"Given{i}",
            family_name="Learner",
            date_of_birth=date(2009, 1, i),
            mis_ref=f"R{i:04d}",
            uln=uln_from(500 + i),
        )
        Enrolment.objects.create(
            centre=world.a.centre,
            learner=learner,
            qualification=world.qualification,
            academic_year="2025/26",
            start_date=date(2025, 9, 8),
        )
        learners.append(learner)
    outsider = learners.pop()
    for learner in learners[1:]:
        Participant.objects.create(centre=world.a.centre, activity=activity, learner=learner)
    return Lecture(activity, timezone.localdate() - timedelta(days=7), learners, outsider)


def _row(lecture: Lecture, learner: str, mark: str, **overrides: str) -> dict[str, str]:
    row = {"Activity": TITLE, "Date": f"{lecture.day:%d/%m/%Y}", "Start time": "", "Student ID": learner, "Mark": mark}
    row.update(overrides)
    return row


def _good_rows(lecture: Lecture) -> list[dict[str, str]]:
    learners = lecture.learners
    return [
        _row(lecture, learners[0].mis_ref, "P"),
        _row(lecture, learners[1].mis_ref.lower(), "late"),
        _row(lecture, learners[2].uln, "Left early"),  # by ULN
        _row(lecture, learners[3].mis_ref, "ABSENT"),
    ]


def _marks(world: Any) -> dict[tuple[int, int], str]:
    with scopes_disabled():
        return {(m.session_id, m.learner_id): m.mark for m in AttendanceMark.objects.filter(centre=world.a.centre)}


def test_it_imports_a_register_and_a_second_run_changes_nothing(world: Any, lecture: Lecture) -> None:
    data = csv_file(_good_rows(lecture), headers=HEADERS)
    first = run_import(world.a.centre, world.a.admin, data, name="register.csv", kind="registers")
    assert first.state == ImportState.DONE, first.errors
    assert (first.created, first.updated, first.unchanged) == (4, 0, 0)
    assert first.summary["sessions"] == 1 and first.summary["activities"] == 1
    with scopes_disabled():
        session = ActivitySession.objects.get(activity=lecture.activity, starts_at=at(lecture.day, 10))
        marks = {m.learner_id: m for m in AttendanceMark.objects.filter(session=session)}
        assert {pk: m.mark for pk, m in marks.items()} == {
            lecture.learners[0].pk: "present",
            lecture.learners[1].pk: "late",
            lecture.learners[2].pk: "left_early",
            lecture.learners[3].pk: "absent",
        }
        assert {(m.source, m.marked_by_id) for m in marks.values()} == {("import", world.a.admin.pk)}
        # Written by the register service: each mark is in the audit log.
        assert LogEntry.objects.get_for_objects(AttendanceMark.objects.filter(session=session)).count() == 4
    before = _marks(world)

    second = run_import(world.a.centre, world.a.admin, data, name="register.csv", kind="registers")
    assert (second.state, second.created, second.updated, second.unchanged) == (ImportState.DONE, 0, 0, 4)
    assert _marks(world) == before


def test_it_imports_an_xlsx_register_with_date_and_time_cells(world: Any, lecture: Lecture) -> None:
    learners = lecture.learners
    rows = [
        [TITLE, lecture.day, time(10, 0), learners[0].mis_ref, "Present"],
        [TITLE, lecture.day, time(10, 0), int(learners[2].uln), "excused"],  # a ULN typed as a number
    ]
    data = xlsx_file(rows, HEADERS)
    job = run_import(world.a.centre, world.a.admin, data, name="register.xlsx", kind="registers")
    assert (job.state, job.created, job.updated, job.unchanged) == (ImportState.DONE, 2, 0, 0), job.errors
    again = run_import(world.a.centre, world.a.admin, data, name="register.xlsx", kind="registers")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_changed_mark_is_updated_and_the_rest_left_alone(world: Any, lecture: Lecture) -> None:
    rows = _good_rows(lecture)
    run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="r.csv", kind="registers")
    rows[3]["Mark"] = "Excused"
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="r.csv", kind="registers")
    assert (job.created, job.updated, job.unchanged) == (0, 1, 3)
    assert sorted(_marks(world).values()) == ["excused", "late", "left_early", "present"]


def test_it_writes_nothing_when_one_row_is_bad_and_names_the_row_and_column(world: Any, lecture: Lecture) -> None:
    rows = _good_rows(lecture)
    rows[2]["Student ID"] = "NOBODY1"  # spreadsheet row 4 (the headings are row 1)
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="r.csv", kind="registers")
    assert job.state == ImportState.INVALID
    assert job.errors == [
        {
            "row": 4,
            "column": "Learner (column “Student ID”)",
            "message": "No learner at this centre has the MIS reference or ULN “NOBODY1”.",
            "value": "NOBODY1",
        }
    ]
    assert _marks(world) == {}


def test_it_reports_every_problem_with_its_row_and_column(world: Any, lecture: Lecture) -> None:
    with scopes_disabled():
        # A second session on the first session's day, in the afternoon; and an activity with the same title
        # as another on the same day (so the title alone cannot say which is meant).
        ActivitySession.objects.create(
            centre=world.a.centre,
            activity=lecture.activity,
            starts_at=at(lecture.day - timedelta(days=1), 14),
            ends_at=at(lecture.day - timedelta(days=1), 15),
        )
        make_activity(world, world.a, title="Master class", days_ago=3)
        make_activity(world, world.a, title="Master class", days_ago=3)
        future = make_activity(world, world.a, title="Site visit", days_ago=-3)
    day_before = f"{lecture.day - timedelta(days=1):%d/%m/%Y}"
    today = timezone.localdate()
    in_3_days, three_days_ago = f"{today + timedelta(days=3):%d/%m/%Y}", f"{today - timedelta(days=3):%d/%m/%Y}"
    ok, other = lecture.learners[0].mis_ref, lecture.learners[1].mis_ref
    rows = [
        _row(lecture, ok, "P", Activity="Guest lecture: something else"),  # 2 unknown activity
        _row(lecture, ok, "P", Date="01/01/2020"),  # 3 no session that day
        _row(lecture, "NOBODY1", "P"),  # 4 learner not found
        _row(lecture, lecture.outsider.mis_ref, "P"),  # 5 not taking part
        _row(lecture, ok, "maybe"),  # 6 unknown mark
        _row(lecture, ok, "P", Date=day_before),  # 7 two sessions that day, no start time
        _row(lecture, ok, "P", Date=day_before, **{"Start time": "12:00"}),  # 8 no session starts then
        _row(lecture, ok, "P", Activity="Master class", Date=three_days_ago),  # 9
        _row(lecture, other, "P"),  # 10 fine
        _row(lecture, other, "P"),  # 11 the same row again
        _row(lecture, other, "A"),  # 12 a contradicting mark
        _row(lecture, ok, "P", Activity="Site visit", Date=in_3_days),  # 13
        _row(lecture, ok, "P", Activity=str(lecture.activity.pk), Date=day_before, **{"Start time": "2pm"}),  # 14
    ]
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="r.csv", kind="registers")
    assert job.state == ImportState.INVALID
    found = {(e["row"], e["column"].split(" (")[0]): e["message"] for e in job.errors}
    assert set(found) == {
        (2, "Activity"),
        (3, "Session date"),
        (4, "Learner"),
        (5, "Learner"),
        (6, "Mark"),
        (7, "Start time"),
        (8, "Start time"),
        (9, "Activity"),
        (11, "Learner"),
        (12, "Mark"),
        (13, "Mark"),
    }
    assert found[(2, "Activity")] == "No activity at this centre is called “Guest lecture: something else”."
    assert found[(3, "Session date")].startswith(f"“{TITLE}” has no session on 1 January 2020. Its sessions are on")
    assert found[(5, "Learner")] == f"Given4 Learner is not taking part in “{TITLE}”: add them to it first."
    assert found[(6, "Mark")].startswith("“maybe” is not a register mark. Use present, late, left early")
    assert "has 2 sessions on" in found[(7, "Start time")] and "(starting 10:00 and 14:00)" in found[(7, "Start time")]
    assert found[(8, "Start time")].endswith("Sessions that day start at 10:00 and 14:00.")
    assert found[(9, "Activity")].startswith("2 activities are called “Master class” and have a session that day")
    assert found[(11, "Learner")] == "Duplicate of row 10: the same learner at the same session."
    assert found[(12, "Mark")] == "Row 10 gives this learner a different mark at the same session (Present)."
    assert found[(13, "Mark")].startswith("This session has not started yet")  # the register page's own rule
    assert future.pk and _marks(world) == {}


def test_a_learner_who_enrolled_after_the_session_is_not_on_its_register(world: Any, lecture: Lecture) -> None:
    with scopes_disabled():
        Enrolment.objects.filter(learner=lecture.learners[1]).update(start_date=timezone.localdate())
    rows = [_row(lecture, lecture.learners[1].mis_ref, "P")]
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="r.csv", kind="registers")
    assert job.state == ImportState.INVALID
    today = timezone.localdate()
    assert job.errors[0]["message"] == (
        f"Given1 Learner enrolled on {today:%-d %B %Y}, after this session: they are not on its register."
    )


def test_an_ended_session_is_marked_whatever_the_activity_paperwork(world: Any, lecture: Lecture) -> None:
    with scopes_disabled():
        activity = make_activity(world, world.a, title="Work placement taster", days_ago=30)
        Activity.objects.filter(pk=activity.pk).update(status="planned", safeguarding_confirmed=False)
        session = activity.sessions.get()
        assert session.ends_at < at(timezone.localdate(), 0)
    day = f"{timezone.localdate() - timedelta(days=30):%d/%m/%Y}"
    rows = [_row(lecture, world.a.learner.mis_ref, "present", Activity="work placement TASTER", Date=day)]
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="r.csv", kind="registers")
    assert (job.state, job.created) == (ImportState.DONE, 1), job.errors
    with scopes_disabled():
        assert AttendanceMark.objects.get(session=session, learner=world.a.learner).mark == "present"


def test_the_activity_can_be_named_by_its_number_and_centres_stay_apart(world: Any, lecture: Lecture) -> None:
    rows = [_row(lecture, world.a.learner.mis_ref, "P", Activity=f"#{lecture.activity.pk}", **{"Start time": "10:00"})]
    data = csv_file(rows, headers=HEADERS)
    assert run_import(world.a.centre, world.a.admin, data, name="r.csv", kind="registers").created == 1
    other = run_import(world.b.centre, world.b.admin, data, name="r.csv", kind="registers")
    assert other.state == ImportState.INVALID
    assert {e["column"].split(" (")[0] for e in other.errors} == {"Activity", "Learner"}


def test_headers_are_suggested_for_a_register(world: Any, lecture: Lecture) -> None:
    job = upload(world.a.centre, world.a.admin, csv_file(_good_rows(lecture), headers=HEADERS), kind="registers")
    assert job.mapping == {
        "activity": "Activity",
        "session_date": "Date",
        "start_time": "Start time",
        "learner": "Student ID",
        "mark": "Mark",
    }


def test_a_register_imported_in_the_background_is_audited_as_its_uploader(
    world: Any, lecture: Lecture, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from bridgework.core.tenancy import centre_scope
    from bridgework.imports import services

    settings.IMPORT_BACKGROUND_ROWS = 1
    job = upload(world.a.centre, world.a.staff, csv_file(_good_rows(lecture), headers=HEADERS), kind="registers")
    with django_capture_on_commit_callbacks(execute=True), centre_scope(world.a.centre.pk):
        services.save_mapping(job, job.mapping)  # the check runs in a task
    job.refresh_from_db()
    assert job.state == ImportState.READY
    with django_capture_on_commit_callbacks(execute=True), centre_scope(world.a.centre.pk):
        services.confirm_job(job)  # and so does the import
    job.refresh_from_db()
    assert (job.state, job.created) == (ImportState.DONE, 4)
    with scopes_disabled():
        entries = LogEntry.objects.get_for_objects(AttendanceMark.objects.filter(centre=world.a.centre))
        assert {entry.actor_id for entry in entries} == {world.a.staff.pk}


def test_checking_a_register_takes_the_same_queries_whatever_its_length(world: Any, lecture: Lecture) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(rows: list[dict[str, str]]) -> int:
        job = upload(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), kind="registers")
        with CaptureQueriesContext(connection) as captured:
            check(job)
        assert job.state == ImportState.READY, job.errors
        return len(captured)

    queries(_good_rows(lecture))  # the first check also saves the centre's column mapping
    assert queries(_good_rows(lecture)[:1]) == queries(_good_rows(lecture))


def test_an_absence_known_in_advance_can_be_imported_like_on_the_register_page(world: Any, lecture: Lecture) -> None:
    with scopes_disabled():
        make_activity(world, world.a, title="Site visit", days_ago=-3)
    in_3_days = f"{timezone.localdate() + timedelta(days=3):%d/%m/%Y}"
    rows = [_row(lecture, lecture.learners[0].mis_ref, "E", Activity="Site visit", Date=in_3_days)]
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="r.csv", kind="registers")
    assert (job.state, job.created) == (ImportState.DONE, 1), job.errors
