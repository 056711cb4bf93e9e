"""Activities: create and change them, who takes part, and the status workflow with its guards.

planned → confirmed → delivered → evidenced (and cancelled from planned or confirmed). Each step says why it
cannot happen yet, in words a coordinator can act on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bridgework.activities.models import Activity, ActivitySession, ActivityStatus, Participant
from bridgework.activities.types import ELIGIBLE_TYPES, ActivityType
from bridgework.catalogue.models import Qualification, Unit
from bridgework.learners.models import Enrolment, Learner, TeachingGroup

# Types that happen with an employer: confirming them needs the employer recorded (and its checks valid).
EMPLOYER_REQUIRED_TYPES = frozenset(ELIGIBLE_TYPES | {ActivityType.EMPLOYER_VISIT})


def check_units_belong(qualifications: Iterable[Qualification], units: Iterable[Unit]) -> None:
    qualification_ids = {q.pk for q in qualifications}
    if not qualification_ids:
        raise ValidationError({"qualifications": "Select at least one qualification."})
    strays = [u for u in units if u.qualification_id not in qualification_ids]
    if strays:
        names = ", ".join(f"{u.number} ({u.title})" for u in strays)
        raise ValidationError({"units": f"These units belong to another qualification: {names}."})


@transaction.atomic
def save_activity(
    activity: Activity, *, qualifications: list[Qualification], units: list[Unit], practitioners=(), groups=(), by=None
) -> Activity:
    """Create or update an activity with its links. Nothing is saved when a unit is from another qualification."""
    check_units_belong(qualifications, units)
    # A practitioner may be freelance or between employers: practitioners are not tied to the employer.
    if activity.employer_id and activity.employer.merged_into_id is not None:
        raise ValidationError(
            {
                "employer": f"Employer {activity.employer_id} was merged into employer "
                f"{activity.employer.merged_into_id}: use that record."
            }
        )
    creating = activity.pk is None
    if creating:
        activity.created_by = by
    activity.full_clean(exclude=["centre", "created_by", "confirmed_by"])
    activity.save()
    activity.qualifications.set(qualifications)
    activity.units.set(units)
    activity.practitioners.set(list(practitioners))
    activity.teaching_groups.set(list(groups))
    if groups:
        add_groups(activity, groups)
    return activity


def add_learners(activity: Activity, learners: Iterable[Learner]) -> int:
    existing = set(activity.participants.values_list("learner_id", flat=True))
    new = [
        Participant(centre_id=activity.centre_id, activity=activity, learner=learner)
        for learner in learners
        if learner.pk not in existing and learner.centre_id == activity.centre_id
    ]
    Participant.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def add_groups(activity: Activity, groups: Iterable[TeachingGroup]) -> int:
    """A teaching group expands into one Participant per learner enrolled in it (today's membership)."""
    groups = list(groups)
    activity.teaching_groups.add(*groups)
    learner_ids = Enrolment.objects.filter(teaching_groups__in=groups).values_list("learner_id", flat=True)
    return add_learners(activity, Learner.objects.filter(pk__in=learner_ids))


def remove_participant(activity: Activity, learner_id: int) -> None:
    if activity.participants.filter(learner_id=learner_id).exists():
        activity.participants.filter(learner_id=learner_id).delete()


def validate_session_times(starts_at: datetime | None, ends_at: datetime | None) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end must be after the start."})


@transaction.atomic
def save_session(session: ActivitySession) -> ActivitySession:
    validate_session_times(session.starts_at, session.ends_at)
    session.save()
    return session


# --- Status workflow ------------------------------------------------------------------------------------


@dataclass
class Guard:
    """Why a transition cannot happen (problems) and what may be overridden by an admin (overridable)."""

    problems: list[str] = field(default_factory=list)
    overridable: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.overridable


def _check_date(activity: Activity) -> date:
    """Checks must hold on the day of the last session (or today, if later)."""
    last = max((s.ends_at for s in activity.sessions.all()), default=None)
    today = timezone.localdate()
    return max(today, timezone.localtime(last).date()) if last else today


def paperwork(activity: Activity) -> Guard:
    """What the activity's paperwork lacks, whatever its status: health and safety, safeguarding, the employer
    and the employer's checks (an admin may override those). Registers are never blocked by it: the activity
    flags it instead (staff pages, the API)."""
    from bridgework.employers.services.checks import blocking_checks

    guard = Guard()
    if not activity.health_safety_confirmed:
        guard.problems.append("Confirm that health and safety arrangements are in place.")
    if not activity.safeguarding_confirmed:
        guard.problems.append("Confirm that safeguarding arrangements are in place.")
    if activity.type in EMPLOYER_REQUIRED_TYPES and activity.employer_id is None:
        guard.problems.append(f"Choose the employer: a {activity.get_type_display().lower()} needs one.")
    if activity.employer_id is not None:
        for status in blocking_checks(activity.employer, _check_date(activity), activity.type):
            guard.overridable.append(status.message)
    return guard


def confirm_guard(activity: Activity) -> Guard:
    guard = Guard()
    if activity.status != ActivityStatus.PLANNED:
        guard.problems.append(
            f"Only a planned activity can be confirmed (this one is {activity.get_status_display().lower()})."
        )
        return guard
    if not activity.sessions.exists():
        guard.problems.append("Add at least one session (date, start and end) before confirming.")
    checks = paperwork(activity)
    guard.problems += checks.problems
    guard.overridable += checks.overridable
    return guard


def deliver_guard(activity: Activity) -> Guard:
    from bridgework.activities.services.registers import unmarked_count

    guard = Guard()
    if activity.status != ActivityStatus.CONFIRMED:
        guard.problems.append("Only a confirmed activity can be marked as delivered.")
        return guard
    sessions = list(activity.sessions.all())
    now = timezone.now()
    if not sessions:
        guard.problems.append("This activity has no sessions.")
    upcoming = [s for s in sessions if s.ends_at > now]
    if upcoming:
        guard.problems.append(
            f"{len(upcoming)} session{'s' if len(upcoming) != 1 else ''} has not finished yet "
            f"(next ends {timezone.localtime(upcoming[0].ends_at):%-d %b %Y %H:%M})."
        )
    if not activity.participants.exists():
        guard.problems.append("Add the learners who took part.")
    missing = sum(unmarked_count(s) for s in sessions if s.ends_at <= now)
    if missing:
        guard.problems.append(
            f"{missing} register mark{'s are' if missing != 1 else ' is'} missing: complete the registers."
        )
    return guard


def evidence_guard(activity: Activity) -> Guard:
    from bridgework.activities.services.evidence import checklist

    guard = Guard()
    if activity.status != ActivityStatus.DELIVERED:
        guard.problems.append("Only a delivered activity can be marked as evidenced.")
        return guard
    for item in checklist(activity).missing_required:
        guard.problems.append(f"Required evidence missing: {item.label}.")
    return guard


GUARDS = {
    ActivityStatus.CONFIRMED: confirm_guard,
    ActivityStatus.DELIVERED: deliver_guard,
    ActivityStatus.EVIDENCED: evidence_guard,
}


class TransitionRefused(ValidationError):
    pass


def transition(activity: Activity, to: str, *, by, override_reason: str = "", may_override: bool = False) -> Activity:  # type: ignore[no-untyped-def]
    """Move an activity to `to`. Race: two coordinators may press "confirm" at once; the row lock makes the
    second see the first's result instead of confirming twice."""
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if to == ActivityStatus.CANCELLED:
            if locked.status not in (ActivityStatus.PLANNED, ActivityStatus.CONFIRMED):
                raise TransitionRefused("Only a planned or confirmed activity can be cancelled.")
        else:
            guard = GUARDS[to](locked)
            if guard.problems:
                raise TransitionRefused(guard.problems)
            if guard.overridable:
                reason = override_reason.strip()
                if not may_override:
                    raise TransitionRefused(
                        [*guard.overridable, "A centre administrator can confirm anyway, giving a reason."]
                    )
                if not reason:
                    raise TransitionRefused(
                        [*guard.overridable, "Give the reason for confirming despite the employer's checks."]
                    )
                locked.checks_override_reason = reason  # audited through the Activity's audit log
        locked.status = to
        if to == ActivityStatus.CONFIRMED:
            locked.confirmed_at = timezone.now()
            locked.confirmed_by = by
        locked.save()
    activity.refresh_from_db()
    return activity
