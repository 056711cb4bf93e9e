"""Contingency for a learner who missed a session (domain.md §4): always flagged as contingency, never live."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from bridgework.activities.models import ATTENDED_MARKS, Activity, ActivitySession, AttendanceMark, Contingency


def missed(session: ActivitySession, learner_id: int) -> bool:
    mark = AttendanceMark.objects.filter(session=session, learner_id=learner_id).values_list("mark", flat=True).first()
    return mark is not None and mark not in ATTENDED_MARKS


@transaction.atomic
def record_contingency(
    session: ActivitySession,
    learner_id: int,
    *,
    kind: str,
    description: str,
    completed_on: date | None = None,
    replacement: Activity | None = None,
    by=None,  # type: ignore[no-untyped-def]
) -> Contingency:
    if not missed(session, learner_id):
        raise ValidationError("A contingency is for a learner marked absent, excused or left early at this session.")
    if kind == "other_activity" and replacement is None:
        raise ValidationError({"replacement_activity": "Choose the activity the learner took part in instead."})
    if replacement is not None and replacement.pk == session.activity_id:
        raise ValidationError({"replacement_activity": "Choose a different activity from the one missed."})
    if replacement is not None and replacement.academic_year != session.activity.academic_year:
        raise ValidationError(
            {"replacement_activity": "Choose an activity in the same academic year as the one missed."}
        )
    contingency, _ = Contingency.objects.update_or_create(
        learner_id=learner_id,
        missed_session=session,
        defaults={
            "centre_id": session.centre_id,
            "kind": kind,
            "description": description,
            "completed_on": completed_on,
            "replacement_activity": replacement,
            "recorded_by": by,
        },
    )
    return contingency
