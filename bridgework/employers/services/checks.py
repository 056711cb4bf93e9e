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
    return current_checks_for_ids([e.pk for e in employers])


def current_checks_for_ids(ids: list[int]) -> dict[int, dict[str, EmployerCheck]]:
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


# Worst first: an employer's overall check state is the worst of its checks.
STATE_ORDER = (EXPIRED, MISSING, EXPIRING, VALID)
STATE_LABELS = {MISSING: "Missing", VALID: "Valid", EXPIRING: "Expiring soon", EXPIRED: "Expired"}


def overall_state(in_force: dict[str, EmployerCheck], on: date) -> str:
    states = {state_of(in_force.get(kind), on) for kind in CheckKind.values}
    return next(s for s in STATE_ORDER if s in states)


def employer_ids_in_state(employer_ids: Iterable[int], state: str, on: date) -> list[int]:
    """Which of these employers have this overall state: one query, however many employers."""
    ids = list(employer_ids)
    in_force = current_checks_for_ids(ids)
    return [pk for pk in ids if overall_state(in_force[pk], on) == state]


@dataclass(frozen=True)
class ExpiringCheck:
    employer: Employer
    check: EmployerCheck
    state: str


def expiring_checks(on: date) -> list[ExpiringCheck]:
    """Every check in force that is expired or expires within the warning window, soonest first."""
    horizon = on + timedelta(days=settings.EMPLOYER_CHECK_EXPIRING_DAYS)
    candidates = (
        EmployerCheck.objects.filter(expires_on__lte=horizon, employer__merged_into__isnull=True)
        .select_related("employer")
        .order_by("employer_id", "kind", "-checked_on", "-id")
    )
    employer_ids = {c.employer_id for c in candidates}
    in_force = current_checks_for_ids(sorted(employer_ids))
    found = [
        ExpiringCheck(c.employer, c, state_of(c, on))
        for c in candidates
        if in_force[c.employer_id].get(c.kind) is not None and in_force[c.employer_id][c.kind].pk == c.pk
    ]
    return sorted(found, key=lambda x: (x.check.expires_on, x.employer.legal_name))


def validate_new_check(kind: str, checked_on: date, expires_on: date | None, on: date) -> dict[str, str]:
    """Field errors for a check about to be recorded as in force. A check recorded today must not already
    have expired: an expired certificate is not a valid check, whatever the form says."""
    errors: dict[str, str] = {}
    if checked_on > on:
        errors["checked_on"] = "The date checked must be today or in the past."
    if expires_on is not None and expires_on < on:
        errors["expires_on"] = "The expiry or review date must be today or in the future: this check has expired."
    if expires_on is not None and expires_on < checked_on:
        errors["expires_on"] = "The expiry or review date must be after the date checked."
    if kind in (CheckKind.ELCI, CheckKind.RISK_ASSESSMENT) and expires_on is None:
        errors["expires_on"] = "Enter the expiry or next review date."
    return errors
