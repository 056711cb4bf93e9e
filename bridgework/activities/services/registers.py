"""Registers: one mark per learner per session, who marked it and when.

Registers record what happened: marking a session is never blocked by the activity's paperwork status.
A learner whose enrolment began after the session's date is not expected at it and is never marked absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from bridgework.activities.models import (
    ATTENDED_MARKS,
    ActivitySession,
    AttendanceMark,
    CustomAttendanceStatus,
    Mark,
    Participant,
)
from bridgework.learners.models import Enrolment, Learner


@dataclass
class RegisterLine:
    learner: Learner
    enrolled_on: date | None
    mark: AttendanceMark | None

    @property
    def enrolled_after(self) -> bool:
        return self.enrolled_on is not None and self.session_date < self.enrolled_on

    session_date: date = date.min


def mark_choices(centre_id: int) -> list[tuple[str, str]]:
    custom = CustomAttendanceStatus.objects.filter(centre_id=centre_id).order_by("label")
    return [*Mark.choices, *((c.code, c.label) for c in custom)]


def enrolment_starts(session: ActivitySession, learner_ids: list[int] | None = None) -> dict[int, date]:
    """The earliest start of each learner's enrolment on the activity's qualifications, that year."""
    activity = session.activity
    enrolments = Enrolment.objects.filter(
        qualification__in=activity.qualifications.all(), academic_year=activity.academic_year
    )
    if learner_ids is not None:
        enrolments = enrolments.filter(learner_id__in=learner_ids)
    return dict(enrolments.values("learner_id").annotate(first=Min("start_date")).values_list("learner_id", "first"))


def register_lines(session: ActivitySession) -> list[RegisterLine]:
    """Every participant with their mark, in three queries whatever the group size."""
    participants = list(
        Participant.objects.filter(activity_id=session.activity_id)
        .select_related("learner")
        .order_by("learner__family_name", "learner__given_name", "learner_id")
    )
    marks = {m.learner_id: m for m in AttendanceMark.objects.filter(session=session).select_related("marked_by")}
    starts = enrolment_starts(session)
    day = timezone.localtime(session.starts_at).date()
    return [
        RegisterLine(
            learner=p.learner, enrolled_on=starts.get(p.learner_id), mark=marks.get(p.learner_id), session_date=day
        )
        for p in participants
    ]


def unmarked_count(session: ActivitySession) -> int:
    return sum(1 for line in register_lines(session) if line.mark is None and not line.enrolled_after)


# A register may be taken as learners arrive (self check-in opens before the start), not days ahead.
REGISTER_OPENS_BEFORE = timedelta(hours=1)


def _valid_mark(session: ActivitySession, mark: str) -> str:
    if mark not in dict(mark_choices(session.centre_id)):
        raise ValidationError(f"“{mark}” is not a register status at this centre.")
    if too_early_for(session, [mark]):
        raise ValidationError(TOO_EARLY)
    return mark


TOO_EARLY = (
    "This session has not started yet: record who attended once it has. "
    "An absence known in advance can be marked excused now."
)


def too_early_for(session: ActivitySession, marks: list[str]) -> bool:
    """Attendance is what happened: a mark that counts as attending cannot be given before the session."""
    if session.starts_at - REGISTER_OPENS_BEFORE <= timezone.now():
        return False
    attending = (
        set(ATTENDED_MARKS)
        | {Mark.LEFT_EARLY}
        | set(
            CustomAttendanceStatus.objects.filter(centre_id=session.centre_id, counts_as_attended=True).values_list(
                "code", flat=True
            )
        )
    )
    return any(mark in attending for mark in marks)


@transaction.atomic
def mark_learner(session: ActivitySession, learner_id: int, mark: str, *, by, source: str = "staff") -> AttendanceMark:  # type: ignore[no-untyped-def]
    _valid_mark(session, mark)
    participant = (
        Participant.objects.filter(activity_id=session.activity_id, learner_id=learner_id)
        .select_related("learner")
        .first()
    )
    if participant is None:
        raise ValidationError("This learner is not taking part in this activity: add them to it first.")
    start = enrolment_starts(session, [learner_id]).get(learner_id)
    if start and timezone.localtime(session.starts_at).date() < start:
        raise ValidationError(
            f"{participant.learner.full_name} enrolled on {start:%-d %B %Y}, after this session: "
            "they are not on its register."
        )
    return _write_mark(session, learner_id, mark, by=by, source=source)


def _write_mark(session: ActivitySession, learner_id: int, mark: str, *, by, source: str = "staff") -> AttendanceMark:  # type: ignore[no-untyped-def]
    """Save one mark already checked. One save per mark (not a bulk write), so each is in the audit trail."""
    # Race: two people marking the same learner at once — update_or_create on the unique (session, learner)
    # pair means the later mark wins and no duplicate row can exist.
    obj, _ = AttendanceMark.objects.update_or_create(
        session=session,
        learner_id=learner_id,
        defaults={
            "centre_id": session.centre_id,
            "mark": mark,
            "marked_by": by,
            "marked_at": timezone.now(),
            "source": source,
        },
    )
    return obj


@transaction.atomic
def save_register(session: ActivitySession, marks: dict[int, str], *, by, source: str = "staff") -> int:  # type: ignore[no-untyped-def]
    """Save many marks at once: all are checked first, then written; one bad line saves nothing."""
    lines = {line.learner.pk: line for line in register_lines(session)}
    choices = dict(mark_choices(session.centre_id))
    errors = []
    strays = [learner_id for learner_id in marks if learner_id not in lines]
    names = {learner.pk: learner.full_name for learner in Learner.objects.filter(pk__in=strays)} if strays else {}
    for learner_id, mark in marks.items():
        line = lines.get(learner_id)
        if line is None:
            who = names.get(learner_id, "A learner on this form")
            errors.append(f"{who} is not taking part in this activity: add them to it first.")
        elif line.enrolled_after:
            errors.append(f"{line.learner.full_name} enrolled after this session: they are not on its register.")
        elif mark not in choices:
            errors.append(f"Choose a valid status for {line.learner.full_name}.")
    if not errors and too_early_for(session, list(marks.values())):
        errors.append(TOO_EARLY)
    if errors:
        raise ValidationError(errors)
    changed = 0
    for learner_id, mark in marks.items():
        current = lines[learner_id].mark
        if current is not None and current.mark == mark:
            continue  # unchanged: keep who marked it and when
        _write_mark(session, learner_id, mark, by=by, source=source)  # every line was checked above, once
        changed += 1
    return changed


@transaction.atomic
def mark_all(session: ActivitySession, mark: str = Mark.PRESENT, *, by) -> int:  # type: ignore[no-untyped-def]
    """Mark every expected learner. An existing "excused" mark is never overwritten (it records a decision),
    and learners who enrolled after the session are skipped."""
    _valid_mark(session, mark)
    # Lock the session row: two "mark all" presses at once would otherwise both write every mark.
    ActivitySession.objects.select_for_update().filter(pk=session.pk).first()
    count = 0
    for line in register_lines(session):
        if line.enrolled_after:
            continue
        if line.mark is not None and (line.mark.mark == Mark.EXCUSED or line.mark.mark == mark):
            continue
        _write_mark(session, line.learner.pk, mark, by=by)  # the mark was checked once, above
        count += 1
    return count


@transaction.atomic
def add_custom_status(centre_id: int, code: str, label: str, counts_as_attended: bool) -> CustomAttendanceStatus:
    if code in Mark.values:
        raise ValidationError({"code": "This code is already a built-in status."})
    if CustomAttendanceStatus.objects.filter(centre_id=centre_id, code=code).exists():
        raise ValidationError({"code": "A status with this code already exists."})
    return CustomAttendanceStatus.objects.create(
        centre_id=centre_id, code=code, label=label, counts_as_attended=counts_as_attended
    )
