"""The state of an employer's safety checks (domain.md §5), and what blocks confirming an activity there.

A check is missing (never recorded), valid, expiring (expires within EMPLOYER_CHECK_EXPIRING_DAYS) or expired.
Which kinds an activity needs is a setting per activity type (ACTIVITY_REQUIRED_CHECKS).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from bridgework.employers.models import CheckKind, Employer, EmployerCheck

MISSING, VALID, EXPIRING, EXPIRED = "missing", "valid", "expiring", "expired"


@dataclass(frozen=True)
class CheckStatus:
    kind: str
    state: str
    check: EmployerCheck | None

    @property
    def label(self) -> str:
        return CheckKind(self.kind).label

    @property
    def blocks(self) -> bool:
        return self.state in (MISSING, EXPIRED)

    @property
    def message(self) -> str:
        if self.state == MISSING:
            return f"{self.label}: not recorded."
        if self.state == EXPIRED:
            return f"{self.label}: expired on {self.check.expires_on:%-d %B %Y}."  # type: ignore[union-attr]
        if self.state == EXPIRING:
            return f"{self.label}: expires on {self.check.expires_on:%-d %B %Y}."  # type: ignore[union-attr]
        return f"{self.label}: valid."


def state_of(check: EmployerCheck | None, on: date) -> str:
    if check is None:
        return MISSING
    if check.expires_on is None:
        return VALID
    if check.expires_on < on:
        return EXPIRED
    if check.expires_on <= on + timedelta(days=settings.EMPLOYER_CHECK_EXPIRING_DAYS):
        return EXPIRING
    return VALID


def current_checks(employers: Iterable[Employer]) -> dict[int, dict[str, EmployerCheck]]:
    """The check in force per employer and kind, for many employers in one query."""
    ids = [e.pk for e in employers]
    in_force: dict[int, dict[str, EmployerCheck]] = {pk: {} for pk in ids}
    for check in EmployerCheck.objects.filter(employer_id__in=ids).order_by(
        "employer_id", "kind", "-checked_on", "-id"
    ):
        in_force[check.employer_id].setdefault(check.kind, check)
    return in_force


def check_statuses(employer: Employer, on: date, kinds: Iterable[str] | None = None) -> list[CheckStatus]:
    in_force = current_checks([employer])[employer.pk]
    return [
        CheckStatus(kind, state_of(in_force.get(kind), on), in_force.get(kind)) for kind in (kinds or CheckKind.values)
    ]


def required_check_kinds(activity_type: str) -> list[str]:
    return list(settings.ACTIVITY_REQUIRED_CHECKS.get(activity_type, settings.ACTIVITY_REQUIRED_CHECKS["default"]))


def blocking_checks(employer: Employer, on: date, activity_type: str) -> list[CheckStatus]:
    """The missing or expired checks that stop an activity of this type at this employer being confirmed."""
    return [s for s in check_statuses(employer, on, required_check_kinds(activity_type)) if s.blocks]
