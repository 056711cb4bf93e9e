"""May an activity at an employer be confirmed? Pure functions over employer, date and activity type, so
the planner's confirm step and the employer pages give the same answer with the same words."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

from bridgework.employers.models import Employer
from bridgework.employers.services.checks import CheckStatus, blocking_checks
from bridgework.people.models import Centre


def confirmation_problems(employer: Employer | None, on: date, activity_type: str) -> list[CheckStatus]:
    """The checks that stop confirmation (missing or expired on the activity's date); empty means go."""
    if employer is None:
        return []
    return blocking_checks(employer, on, activity_type)


def may_override(user, centre: Centre) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.has_perm("employers.override_checks", centre))


def override_reason_or_error(
    user,  # type: ignore[no-untyped-def]
    centre: Centre,
    problems: list[CheckStatus],
    reason: str,
) -> str:
    """The reason to store on Activity.checks_override_reason, or an error: only an admin may override,
    and only with a reason that names why it is safe to go ahead."""
    if not problems:
        return ""
    if not may_override(user, centre):
        raise PermissionDenied("Only a centre administrator may confirm despite missing checks.")
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError("Enter the reason for confirming despite the missing checks (at least 10 characters).")
    listed = "; ".join(p.message for p in problems)
    return f"{reason} [Overrode: {listed}]"


def readiness(statuses: list[CheckStatus]) -> list[tuple[str, list[CheckStatus]]]:
    """For each activity type with its own required checks (and "other activities"), what would block
    confirming it, from statuses already computed for the employer (no further queries)."""
    from django.conf import settings

    from bridgework.activities.types import ActivityType

    by_kind = {s.kind: s for s in statuses}
    rows = []
    for key, kinds in settings.ACTIVITY_REQUIRED_CHECKS.items():
        label = "Other activities" if key == "default" else ActivityType(key).label
        rows.append((label, [by_kind[k] for k in kinds if k in by_kind and by_kind[k].blocks]))
    return rows
