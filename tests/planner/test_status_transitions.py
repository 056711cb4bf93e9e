"""Status transitions planned → confirmed → delivered → evidenced, and the guards on each step."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.activities.models import ActivityStatus, AttendanceMark
from bridgework.activities.services.activities import confirm_guard, transition
from bridgework.employers.models import EmployerCheck
from tests.planner_factories import make_activity, make_employer, make_practitioner

pytestmark = pytest.mark.django_db


def _ready(world: Any, **extra: Any) -> Any:
    employer = make_employer(world.a)
    activity = make_activity(
        world, world.a, employer=employer, health_safety_confirmed=True, safeguarding_confirmed=True, **extra
    )
    return activity, employer


def _valid_checks(world: Any, employer: Any) -> None:
    for kind in ("safeguarding", "dbs_decision"):
        EmployerCheck.objects.create(
            centre=world.a.centre, employer=employer, kind=kind, checked_on=timezone.localdate() - timedelta(days=30)
        )


def test_it_confirms_when_every_guard_holds(world: Any) -> None:
    with scopes_disabled():
        activity, employer = _ready(world)
        _valid_checks(world, employer)
        transition(activity, ActivityStatus.CONFIRMED, by=world.a.staff)
        activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONFIRMED
    assert activity.confirmed_by == world.a.staff and activity.confirmed_at is not None


def test_it_refuses_to_confirm_without_sessions_or_confirmations(world: Any) -> None:
    with scopes_disabled():
        activity = make_activity(world, world.a, sessions=0)
        with pytest.raises(ValidationError) as refused:
            transition(activity, ActivityStatus.CONFIRMED, by=world.a.staff)
        activity.refresh_from_db()
    text = " ".join(refused.value.messages)
    assert "at least one session" in text
    assert "health and safety" in text and "safeguarding" in text
    assert "Choose the employer" in text
    assert activity.status == ActivityStatus.PLANNED


def test_it_blocks_on_missing_employer_checks_for_staff(world: Any) -> None:
    with scopes_disabled():
        activity, _ = _ready(world)
        assert confirm_guard(activity).overridable  # safeguarding + DBS decision not recorded
        with pytest.raises(ValidationError) as refused:
            transition(activity, ActivityStatus.CONFIRMED, by=world.a.staff, may_override=False)
    assert any("Safeguarding contact: not recorded" in m for m in refused.value.messages)


def test_an_admin_override_needs_a_reason_and_keeps_it(world: Any) -> None:
    with scopes_disabled():
        activity, _ = _ready(world)
        with pytest.raises(ValidationError, match="reason"):
            transition(activity, ActivityStatus.CONFIRMED, by=world.a.admin, may_override=True, override_reason=" ")
        transition(
            activity,
            ActivityStatus.CONFIRMED,
            by=world.a.admin,
            may_override=True,
            override_reason="DBS decision on paper",
        )
        activity.refresh_from_db()
        from auditlog.models import LogEntry

        logged = [
            e for e in LogEntry.objects.get_for_object(activity) if "checks_override_reason" in (e.changes_dict or {})
        ]
    assert activity.status == ActivityStatus.CONFIRMED
    assert activity.checks_override_reason == "DBS decision on paper"
    assert logged, "the override reason is in the activity's audit log"


def test_it_delivers_only_when_sessions_are_over_and_registers_complete(world: Any) -> None:
    with scopes_disabled():
        activity, employer = _ready(world)
        _valid_checks(world, employer)
        transition(activity, ActivityStatus.CONFIRMED, by=world.a.staff)
        with pytest.raises(ValidationError, match="register mark"):
            transition(activity, ActivityStatus.DELIVERED, by=world.a.staff)
        AttendanceMark.objects.create(
            centre=world.a.centre, session=activity.sessions.first(), learner=world.a.learner, mark="present"
        )
        transition(activity, ActivityStatus.DELIVERED, by=world.a.staff)
        activity.refresh_from_db()
    assert activity.status == ActivityStatus.DELIVERED


def test_it_refuses_delivered_while_a_session_is_still_to_come(world: Any) -> None:
    with scopes_disabled():
        activity, employer = _ready(world)
        activity.sessions.update(
            starts_at=timezone.now() + timedelta(days=3), ends_at=timezone.now() + timedelta(days=3, hours=1)
        )
        _valid_checks(world, employer)
        transition(activity, ActivityStatus.CONFIRMED, by=world.a.staff)
        with pytest.raises(ValidationError, match="has not finished"):
            transition(activity, ActivityStatus.DELIVERED, by=world.a.staff)


def test_it_marks_evidenced_only_with_the_required_evidence(world: Any) -> None:
    with scopes_disabled():
        activity, employer = _ready(world)
        activity.practitioners.add(make_practitioner(world.a))
        _valid_checks(world, employer)
        transition(activity, ActivityStatus.CONFIRMED, by=world.a.staff)
        with pytest.raises(ValidationError, match="Only a delivered"):
            transition(activity, ActivityStatus.EVIDENCED, by=world.a.staff)
        AttendanceMark.objects.create(
            centre=world.a.centre, session=activity.sessions.first(), learner=world.a.learner, mark="absent"
        )
        transition(activity, ActivityStatus.DELIVERED, by=world.a.staff)
        transition(activity, ActivityStatus.EVIDENCED, by=world.a.staff)  # registers complete = attendance record
        activity.refresh_from_db()
    assert activity.status == ActivityStatus.EVIDENCED


def test_cancelling_is_only_for_planned_or_confirmed(world: Any) -> None:
    with scopes_disabled():
        activity = make_activity(world, world.a, status=ActivityStatus.DELIVERED)
        with pytest.raises(ValidationError):
            transition(activity, ActivityStatus.CANCELLED, by=world.a.staff)
        planned = make_activity(world, world.a)
        transition(planned, ActivityStatus.CANCELLED, by=world.a.staff)
    assert planned.status == ActivityStatus.CANCELLED


def test_the_confirm_button_overrides_only_for_admins(world: Any, staff_client: Any, admin_client: Any) -> None:
    with scopes_disabled():
        activity, _ = _ready(world)
    url = f"/c/{world.a.centre.number}/activities/{activity.pk}/status/"
    staff_client.post(url, {"to": "confirmed", "override_reason": "please"})
    with scopes_disabled():
        activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED
    admin_client.post(url, {"to": "confirmed", "override_reason": "Checks seen on paper, being uploaded"})
    with scopes_disabled():
        activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONFIRMED
    assert activity.checks_override_reason.startswith("Checks seen")
