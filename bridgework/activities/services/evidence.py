"""Evidence: the checklist per activity type (domain.md §3) and storing uploaded files safely.

Required evidence is submitted to the awarding body (the cohort attendance record); additional evidence is
kept by the centre. An item is met by an uploaded file of its kind, or by data already recorded (the
registers make the attendance record; the employer's contact details; the session dates; descriptions).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from bridgework.activities.models import Activity, ActivitySession, EvidenceFile, EvidenceKind
from bridgework.activities.types import ActivityType, is_eligible
from bridgework.core.uploads import EVIDENCE_KINDS, validate_upload

K = EvidenceKind
REQUIRED: dict[str, list[str]] = {t: [K.ATTENDANCE_RECORD] for t in ActivityType.values if is_eligible(t)}
ADDITIONAL: dict[str, list[str]] = {
    ActivityType.WORK_EXPERIENCE: [K.EMPLOYER_CONTACT, K.DATES, K.LEARNER_WORKBOOK],
    ActivityType.WORK_PLACEMENT: [K.EMPLOYER_CONTACT, K.DATES, K.LEARNER_WORKBOOK],
    ActivityType.PRACTICAL_ACTIVITY: [K.EMPLOYER_CONTACT, K.ACTIVITY_DETAILS],
    ActivityType.FORMATIVE_ASSESSMENT: [K.EMPLOYER_CONTACT, K.TASK_DESCRIPTION, K.AWARDING_BODY_CONFIRMATION],
    ActivityType.GUEST_LECTURE: [K.EMPLOYER_CONTACT, K.LECTURE_SUBJECT],
    ActivityType.MASTER_CLASS: [K.EMPLOYER_CONTACT, K.MASTER_CLASS_DETAILS],
    ActivityType.EXPERT_WITNESS: [K.EMPLOYER_CONTACT, K.ROLE_IN_ASSESSMENT, K.RECORD_OF_INVOLVEMENT, K.WHY_SUITABLE],
}
# Items the activity's own description covers when it is filled in.
_DESCRIBED_BY_ACTIVITY = {K.ACTIVITY_DETAILS, K.LECTURE_SUBJECT, K.MASTER_CLASS_DETAILS, K.TASK_DESCRIPTION}


@dataclass(frozen=True)
class ChecklistItem:
    kind: str
    required: bool
    met: bool
    how: str  # what meets it, or what to do

    @property
    def label(self) -> str:
        return EvidenceKind(self.kind).label


@dataclass(frozen=True)
class Checklist:
    eligible: bool
    items: list[ChecklistItem]

    @property
    def missing_required(self) -> list[ChecklistItem]:
        return [i for i in self.items if i.required and not i.met]

    @property
    def missing(self) -> list[ChecklistItem]:
        return [i for i in self.items if not i.met]


def _registers_complete(activity: Activity) -> bool:
    from bridgework.activities.services.registers import unmarked_count

    sessions = list(activity.sessions.all())
    return bool(sessions) and activity.participants.exists() and all(unmarked_count(s) == 0 for s in sessions)


def checklist(activity: Activity) -> Checklist:
    if not is_eligible(activity.type):
        return Checklist(eligible=False, items=[])
    uploaded = set(activity.evidence.values_list("kind", flat=True))
    practitioners = list(activity.practitioners.all())
    items = []
    for kind in REQUIRED.get(activity.type, []) + ADDITIONAL.get(activity.type, []):
        required = kind in REQUIRED.get(activity.type, [])
        met, how = kind in uploaded, "File uploaded" if kind in uploaded else "Upload a file"
        if not met and kind == K.ATTENDANCE_RECORD and _registers_complete(activity):
            met, how = True, "Generated from the completed registers"
        elif not met and kind == K.ATTENDANCE_RECORD:
            how = "Complete every session's register, or upload a signed record"
        elif (
            not met
            and kind == K.EMPLOYER_CONTACT
            and activity.employer_id
            and any(p.email or p.phone for p in practitioners)
        ):
            met, how = True, "Recorded with the employer's people"
        elif not met and kind == K.DATES and activity.sessions.exists():
            met, how = True, "Recorded as sessions"
        elif not met and kind in _DESCRIBED_BY_ACTIVITY and activity.description.strip():
            met, how = True, "Recorded in the activity's description"
        elif (
            not met and kind == K.WHY_SUITABLE and practitioners and all(p.why_suitable.strip() for p in practitioners)
        ):
            met, how = True, "Recorded with the practitioner"
        items.append(ChecklistItem(kind=kind, required=required, met=met, how=how))
    return Checklist(eligible=True, items=items)


@transaction.atomic
def store_evidence(
    upload,  # type: ignore[no-untyped-def]
    *,
    kind: str,
    by,  # type: ignore[no-untyped-def]
    activity: Activity | None = None,
    session: ActivitySession | None = None,
    learner=None,  # type: ignore[no-untyped-def]
    description: str = "",
) -> EvidenceFile:
    """Check the file's bytes and size, then save it through the storage API. A bad file saves nothing."""
    if kind not in EvidenceKind.values:
        raise ValidationError({"kind": "Choose what this evidence is."})
    if session is not None:
        activity = session.activity
    owner = activity or learner
    if owner is None:
        raise ValidationError("Evidence must belong to an activity, a session or a learner.")
    try:
        checked = validate_upload(upload, EVIDENCE_KINDS, settings.EVIDENCE_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    evidence = EvidenceFile(
        centre_id=owner.centre_id,
        activity=activity,
        session=session,
        learner=learner,
        kind=kind,
        description=description,
        original_name=checked.safe_name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )
    evidence.file.save(checked.safe_name, upload, save=False)
    evidence.save()
    return evidence
