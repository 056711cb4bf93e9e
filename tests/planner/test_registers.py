"""Register rules: one mark per learner, who marked it, late enrolment, mark-all keeps excused, bad input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from bridgework.activities.models import AttendanceMark, CustomAttendanceStatus, Mark
from bridgework.activities.services.registers import mark_all, mark_learner, register_lines, save_register
from bridgework.learners.models import Enrolment, Learner

pytestmark = pytest.mark.django_db


def _late_joiner(world: Any, activity: Any) -> Learner:
    session = activity.sessions.first()
    learner = Learner.objects.create(
        centre=world.a.centre, given_name="Nia", family_name="Late", date_of_birth=world.a.learner.date_of_birth
    )
    Enrolment.objects.create(
        centre=world.a.centre,
        learner=learner,
        qualification=world.qualification,
        academic_year="2025/26",
        start_date=session.starts_at.date() + timedelta(days=2),
    )
    activity.participants.create(centre=world.a.centre, learner=learner)
    return learner


def test_it_records_who_marked_and_when(world: Any, activity: Any) -> None:
    with scopes_disabled():
        mark = mark_learner(activity.sessions.first(), world.a.learner.pk, Mark.LATE, by=world.a.staff)
    assert mark.marked_by == world.a.staff and mark.marked_at is not None and mark.source == "staff"


def test_a_learner_enrolled_after_the_session_is_not_marked_absent(world: Any, activity: Any) -> None:
    with scopes_disabled():
        late = _late_joiner(world, activity)
        session = activity.sessions.first()
        count = mark_all(session, Mark.ABSENT, by=world.a.staff)
        assert not AttendanceMark.objects.filter(session=session, learner=late).exists()
        assert count == 1
        with pytest.raises(ValidationError, match="enrolled on"):
            mark_learner(session, late.pk, Mark.ABSENT, by=world.a.staff)
        line = next(line for line in register_lines(session) if line.learner.pk == late.pk)
    assert line.enrolled_after


def test_mark_all_keeps_excused_marks(world: Any, activity: Any) -> None:
    with scopes_disabled():
        session = activity.sessions.first()
        other = Learner.objects.create(
            centre=world.a.centre, given_name="Ben", family_name="Ahmed", date_of_birth=world.a.learner.date_of_birth
        )
        activity.participants.create(centre=world.a.centre, learner=other)
        mark_learner(session, world.a.learner.pk, Mark.EXCUSED, by=world.a.admin)
        mark_all(session, Mark.PRESENT, by=world.a.staff)
        marks = dict(AttendanceMark.objects.filter(session=session).values_list("learner_id", "mark"))
        excused = AttendanceMark.objects.get(session=session, learner=world.a.learner)
    assert marks == {world.a.learner.pk: Mark.EXCUSED, other.pk: Mark.PRESENT}
    assert excused.marked_by == world.a.admin  # untouched


def test_marking_a_learner_not_in_the_group_is_refused(world: Any, activity: Any) -> None:
    with scopes_disabled(), pytest.raises(ValidationError, match="not taking part"):
        mark_learner(activity.sessions.first(), world.b.learner.pk, Mark.PRESENT, by=world.a.staff)


def test_one_bad_line_saves_nothing(world: Any, activity: Any) -> None:
    with scopes_disabled():
        session = activity.sessions.first()
        with pytest.raises(ValidationError):
            save_register(
                session, {world.a.learner.pk: Mark.PRESENT, world.b.learner.pk: Mark.PRESENT}, by=world.a.staff
            )
        assert not AttendanceMark.objects.filter(session=session).exists()


def test_custom_statuses_are_accepted_and_unknown_ones_refused(world: Any, activity: Any) -> None:
    with scopes_disabled():
        session = activity.sessions.first()
        CustomAttendanceStatus.objects.create(centre=world.a.centre, code="remote", label="Attended remotely")
        assert mark_learner(session, world.a.learner.pk, "remote", by=world.a.staff).mark == "remote"
        with pytest.raises(ValidationError, match="not a register status"):
            mark_learner(session, world.a.learner.pk, "teleported", by=world.a.staff)


def test_marking_is_not_blocked_by_paperwork_status(world: Any, activity: Any) -> None:
    """A session that has ended can be marked whatever the activity's status (the API relies on this)."""
    with scopes_disabled():
        assert activity.status == "planned"
        mark_learner(activity.sessions.first(), world.a.learner.pk, Mark.PRESENT, by=world.a.staff)


def test_the_register_page_saves_marks_and_mark_all(world: Any, activity: Any, staff_client: Any) -> None:
    with scopes_disabled():
        session = activity.sessions.first()
    url = f"/c/{world.a.centre.number}/activities/{activity.pk}/sessions/{session.pk}/register/"
    assert staff_client.post(url + "mark-all/").status_code == 302
    response = staff_client.post(url, {f"mark-{world.a.learner.pk}": "left_early"})
    assert response.status_code == 302
    with scopes_disabled():
        assert AttendanceMark.objects.get(session=session).mark == "left_early"
    bad = staff_client.post(url, {f"mark-{world.b.learner.pk}": "present"})
    assert bad.status_code == 400
    assert "not taking part" in bad.content.decode()


def test_the_register_query_count_does_not_grow(
    world: Any, staff_client: Any, django_assert_max_num_queries: Any
) -> None:
    from tests.planner_factories import make_activity

    with scopes_disabled():
        small, big = make_activity(world, world.a), make_activity(world, world.a)
        for i in range(20):
            learner = Learner.objects.create(
                centre=world.a.centre,
                given_name=f"L{i}",
                family_name="Many",
                date_of_birth=world.a.learner.date_of_birth,
            )
            big.participants.create(centre=world.a.centre, learner=learner)
            mark_learner(big.sessions.first(), learner.pk, Mark.PRESENT, by=world.a.staff)
    counts = []
    for a in (small, big):
        with scopes_disabled():
            s = a.sessions.first()
        url = f"/c/{world.a.centre.number}/activities/{a.pk}/sessions/{s.pk}/register/"
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        staff_client.get(url)  # warm up: first-request session work
        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_attendance_cannot_be_recorded_before_the_session_but_an_excused_absence_can(world: Any, activity: Any) -> None:
    from django.utils import timezone

    with scopes_disabled():
        session = activity.sessions.first()
        session.starts_at = timezone.now() + timedelta(days=2)
        session.ends_at = session.starts_at + timedelta(hours=2)
        session.save()
        CustomAttendanceStatus.objects.create(
            centre=world.a.centre, code="remote", label="Attended remotely", counts_as_attended=True
        )
        for attending in (Mark.PRESENT, Mark.LATE, Mark.LEFT_EARLY, "remote"):
            with pytest.raises(ValidationError, match="has not started yet"):
                mark_learner(session, world.a.learner.pk, attending, by=world.a.staff)
            with pytest.raises(ValidationError, match="has not started yet"):
                save_register(session, {world.a.learner.pk: attending}, by=world.a.staff)
        with pytest.raises(ValidationError, match="has not started yet"):
            mark_all(session, Mark.PRESENT, by=world.a.staff)
        assert not AttendanceMark.objects.filter(session=session).exists()
        assert mark_learner(session, world.a.learner.pk, Mark.EXCUSED, by=world.a.staff).mark == Mark.EXCUSED
        session.starts_at = timezone.now() + timedelta(minutes=20)  # learners arriving: the register is open
        session.save()
        assert mark_learner(session, world.a.learner.pk, Mark.PRESENT, by=world.a.staff).mark == Mark.PRESENT


def test_saving_a_register_checks_once_then_costs_the_same_per_mark(world: Any, activity: Any) -> None:
    """Each mark is its own audited save; the checks (statuses, participants, enrolments) run once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(count: int) -> int:
        with scopes_disabled():
            session = activity.sessions.first()
            learners = []
            for n in range(count):
                learner = Learner.objects.create(
                    centre=world.a.centre,
                    given_name="Q",
                    family_name=f"Count{count}-{n}",
                    date_of_birth=world.a.learner.date_of_birth,
                )
                activity.participants.create(centre=world.a.centre, learner=learner)
                learners.append(learner.pk)
            with CaptureQueriesContext(connection) as captured:
                save_register(session, dict.fromkeys(learners, Mark.PRESENT), by=world.a.staff)
            return len(captured)

    two, twenty = queries(2), queries(20)
    # Per mark: the upsert in its savepoints (4), its audit entry (2, with the learner's name), no checks again.
    assert (twenty - two) / 18 <= 8
