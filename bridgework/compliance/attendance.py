"""Attended sessions for a set of learners, shared by the measures beyond MEI (placements, Gatsby).

One query: each (learner, session) the learner attended (present, late, or a centre status that counts),
with the activity's type, employer, qualifications' units and the session's times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from bridgework.activities.models import ATTENDED_MARKS, AttendanceMark, CustomAttendanceStatus


@dataclass(frozen=True)
class Attended:
    learner_id: int
    activity_id: int
    activity_type: str
    employer_id: int | None
    starts_at: datetime
    ends_at: datetime
    academic_year: str
    delivery: str


def attended_sessions(learner_ids, activity_ids=None) -> list[Attended]:  # type: ignore[no-untyped-def]
    """Every finished session these learners attended (of these activities only, when given)."""
    counting_custom = CustomAttendanceStatus.objects.filter(
        centre_id=OuterRef("centre_id"), code=OuterRef("mark"), counts_as_attended=True
    )
    rows = (
        AttendanceMark.objects.filter(learner_id__in=learner_ids, session__ends_at__lte=timezone.now())
        .filter(Q(mark__in=list(ATTENDED_MARKS)) | Exists(counting_custom))
        .filter(**({"session__activity_id__in": activity_ids} if activity_ids is not None else {}))
        .values_list(
            "learner_id",
            "session__activity_id",
            "session__activity__type",
            "session__activity__employer_id",
            "session__starts_at",
            "session__ends_at",
            "session__activity__academic_year",
            "session__activity__delivery",
        )
        .order_by()
    )
    return [Attended(*row) for row in rows]
