from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django_scopes import scope, scopes_disabled

from bridgework.activities.models import Activity
from bridgework.employers.models import CheckKind, Employer, EmployerCheck
from bridgework.employers.services.checks import (
    EXPIRED,
    EXPIRING,
    MISSING,
    VALID,
    blocking_checks,
    expiring_checks,
    state_of,
    validate_new_check,
)
from bridgework.employers.services.confirmation import confirmation_problems, override_reason_or_error

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)


def _check(expires_on: date | None) -> EmployerCheck:
    return EmployerCheck(kind=CheckKind.ELCI, checked_on=date(2025, 1, 1), expires_on=expires_on)


@override_settings(EMPLOYER_CHECK_EXPIRING_DAYS=30)
@pytest.mark.parametrize(
    ("expires_on", "state"),
    [
        (None, VALID),
        (TODAY + timedelta(days=31), VALID),
        (TODAY + timedelta(days=30), EXPIRING),  # exactly 30 days away: expiring
        (TODAY, EXPIRING),  # expires today: still in force today
        (TODAY - timedelta(days=1), EXPIRED),
    ],
)
def test_check_states_at_their_date_boundaries(expires_on: date | None, state: str) -> None:
    assert state_of(_check(expires_on), TODAY) == state


def test_a_missing_check_is_missing() -> None:
    assert state_of(None, TODAY) == MISSING


def test_a_valid_check_cannot_be_recorded_with_an_expiry_in_the_past() -> None:
    errors = validate_new_check(CheckKind.ELCI, TODAY - timedelta(days=400), TODAY - timedelta(days=1), TODAY)
    assert "has expired" in errors["expires_on"]
    assert validate_new_check(CheckKind.ELCI, TODAY, TODAY + timedelta(days=365), TODAY) == {}


def _record(employer: Employer, kind: str, expires_on: date | None, checked_on: date = date(2025, 6, 1)) -> None:
    EmployerCheck.objects.create(
        centre=employer.centre, employer=employer, kind=kind, checked_on=checked_on, expires_on=expires_on
    )


def test_the_newest_check_is_the_one_in_force(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        _record(employer, CheckKind.ELCI, TODAY - timedelta(days=5), checked_on=date(2025, 1, 1))
        _record(employer, CheckKind.ELCI, TODAY + timedelta(days=300), checked_on=date(2026, 1, 1))
    with scope(centre=world.a.centre.pk):
        assert CheckKind.ELCI not in {s.kind for s in blocking_checks(employer, TODAY, "work_experience")}
        assert expiring_checks(TODAY) == []


def test_confirm_activity_is_blocked_until_the_required_checks_are_valid_and_an_admin_may_override(
    world: Any, employer: Employer
) -> None:
    with scopes_disabled():
        activity = Activity.objects.create(
            centre=world.a.centre, title="Placement", type="work_experience", academic_year="2025/26", employer=employer
        )
        _record(employer, CheckKind.ELCI, TODAY - timedelta(days=1))  # expired yesterday
        _record(employer, CheckKind.RISK_ASSESSMENT, TODAY + timedelta(days=10))  # expiring: does not block
        _record(employer, CheckKind.SUPERVISOR, None)
    with scope(centre=world.a.centre.pk):
        problems = confirmation_problems(activity.employer, TODAY, activity.type)
        assert [(p.kind, p.state) for p in problems] == [
            ("elci", EXPIRED),
            ("safeguarding", MISSING),
            ("dbs_decision", MISSING),
        ]
        assert problems[0].message == "Employers' liability insurance: expired on 9 March 2026."
        # Staff cannot override; an admin can, with a reason, and the reason names what was missing.
        with pytest.raises(PermissionDenied):
            override_reason_or_error(world.a.staff, world.a.centre, problems, "Visit supervised by our tutor")
        with pytest.raises(ValidationError):
            override_reason_or_error(world.a.admin, world.a.centre, problems, "ok")
        reason = override_reason_or_error(world.a.admin, world.a.centre, problems, "Tutor attends all day")
        activity.checks_override_reason = reason
        activity.save()
        assert "Tutor attends all day" in Activity.objects.get(pk=activity.pk).checks_override_reason
        assert "Safeguarding contact: not recorded." in reason
        # Once recorded, nothing blocks and no override is needed.
        for kind in (CheckKind.ELCI, CheckKind.SAFEGUARDING, CheckKind.DBS_DECISION):
            with scopes_disabled():
                _record(employer, kind, TODAY + timedelta(days=200), checked_on=TODAY)
        assert confirmation_problems(employer, TODAY, activity.type) == []
        assert override_reason_or_error(world.a.staff, world.a.centre, [], "") == ""


def test_the_expiring_list_shows_only_checks_in_force_soonest_first(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        _record(employer, CheckKind.ELCI, TODAY + timedelta(days=20))
        _record(employer, CheckKind.RISK_ASSESSMENT, TODAY - timedelta(days=3))
        _record(employer, CheckKind.DATA_SHARING, TODAY + timedelta(days=200))
    with scope(centre=world.a.centre.pk):
        rows = expiring_checks(TODAY)
    assert [(r.check.kind, r.state) for r in rows] == [("risk_assessment", EXPIRED), ("elci", EXPIRING)]
