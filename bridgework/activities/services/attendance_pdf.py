"""The cohort-level attendance record the awarding body asks for: every learner's name and their awarding
organisation enrolment/candidate number, per session, with their mark. Rendered by WeasyPrint, offline."""

from __future__ import annotations

from django.utils import timezone

from bridgework.activities.models import Activity, AttendanceMark, Contingency, Mark, Participant
from bridgework.core.pdf import render_pdf
from bridgework.learners.models import LearnerAwardingNumber


def attendance_context(activity: Activity) -> dict:
    qualifications = list(activity.qualifications.select_related("awarding_organisation"))
    ao_ids = {q.awarding_organisation_id for q in qualifications}
    participants = list(
        Participant.objects.filter(activity=activity)
        .select_related("learner")
        .order_by("learner__family_name", "learner__given_name", "learner_id")
    )
    learner_ids = [p.learner_id for p in participants]
    numbers: dict[int, list[str]] = {}
    for number in LearnerAwardingNumber.objects.filter(
        learner_id__in=learner_ids, awarding_organisation_id__in=ao_ids
    ).select_related("awarding_organisation"):
        numbers.setdefault(number.learner_id, []).append(f"{number.awarding_organisation.code} {number.number}")
    sessions = list(activity.sessions.all())
    marks = {(m.session_id, m.learner_id): m.mark for m in AttendanceMark.objects.filter(session__in=sessions)}
    contingencies = {
        (c.missed_session_id, c.learner_id): c.get_kind_display()
        for c in Contingency.objects.filter(missed_session__in=sessions)
    }
    labels = dict(Mark.choices)
    rows = [
        {
            "name": p.learner.full_name,
            "number": ", ".join(numbers.get(p.learner_id, [])) or "Not recorded",
            "marks": [
                {
                    "mark": labels.get(
                        marks.get((s.pk, p.learner_id), ""), marks.get((s.pk, p.learner_id), "Not marked")
                    ),
                    "contingency": contingencies.get((s.pk, p.learner_id), ""),
                }
                for s in sessions
            ],
        }
        for p in participants
    ]
    return {
        "activity": activity,
        "qualifications": qualifications,
        "sessions": sessions,
        "rows": rows,
        "generated_at": timezone.localtime(),
        "practitioners": list(activity.practitioners.all()),
    }


def attendance_pdf(activity: Activity) -> bytes:
    return render_pdf("activities/attendance_record.html", attendance_context(activity))
