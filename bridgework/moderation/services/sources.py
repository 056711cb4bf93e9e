"""Every place moderation reads another feature's data goes through ONE function here (compliance engine,
the centre's plan, attendance records, evidence files, cited journal entries, uploads), each calling the owning
feature's own implementation, so the workflow never depends on another feature's models directly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.text import get_valid_filename

from bridgework.activities.exports.plan_rows import PlanRow, plan_rows
from bridgework.activities.exports.planner_tracker import planner_tracker_xlsx
from bridgework.activities.models import Activity, ActivityStatus
from bridgework.activities.types import ELIGIBLE_TYPES
from bridgework.core.uploads import CheckedUpload, validate_upload
from bridgework.learners.models import Enrolment


# --- Compliance engine -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EngineView:
    status: str  # met, on_track, at_risk, not_met, not_required
    reasons: list[str] = field(default_factory=list)


def engine_claims(enrolments: list[Enrolment], today: date) -> dict[int, EngineView]:
    """What the compliance engine says for each enrolment, with its reasons, in one set-based pass."""
    if not enrolments:
        return {}
    from bridgework.compliance.engine import evaluate
    from bridgework.compliance.facts import load_facts

    now = (
        timezone.now()
        if today == timezone.localdate()
        else timezone.make_aware(datetime.combine(today, time(23, 59, 59)))
    )
    results = evaluate(load_facts(Enrolment.objects.filter(pk__in=[e.pk for e in enrolments])), now=now)
    return {
        enrolment_id: EngineView(result.status, [reason.message for reason in result.reasons])
        for enrolment_id, result in results.items()
    }


def submission_deadline(qualification, academic_year: str) -> date:  # type: ignore[no-untyped-def]
    """The June deadline at the end of the academic year, per awarding organisation (a setting)."""
    code = qualification.awarding_organisation.code
    month_day = settings.MEI_SUBMISSION_DEADLINES.get(code, settings.MEI_SUBMISSION_DEADLINE_DEFAULT)
    month, day = (int(part) for part in month_day.split("-"))
    return date(int(academic_year[:4]) + 1, month, day)


# --- Planner -----------------------------------------------------------------------------------------------
PLANNER_COLUMNS = [
    ("unit", "Unit"),
    ("what", "What do you plan to do"),
    ("type", "Activity type"),
    ("when", "When"),
    ("completed", "Date completed"),
    ("employer", "Employer"),
    ("learners", "Learners"),
    ("status", "Status"),
    ("comments", "Comments"),
]


def planner_rows(centre_id: int, qualification_id: int, academic_year: str) -> list[dict[str, Any]]:
    """The planner for one qualification and year, as stored in a submission's snapshot: the plan's rows
    (activities.exports.plan_rows, the same rows as the centre's planner and tracker), one dict each."""
    return [row.as_dict() for row in plan_rows(centre_id, qualification_id, academic_year)]


def planner_xlsx(submission, round_) -> bytes:  # type: ignore[no-untyped-def]
    """The Employer Involvement Planner and Tracker workbook (activities.exports.planner_tracker) with the plan
    rows as submitted; the tracker is as of now."""
    return planner_tracker_xlsx(
        submission.centre,
        submission.qualification,
        submission.academic_year,
        plan=[PlanRow.from_dict(row) for row in round_.planner_snapshot],
        plan_as_of=round_.submitted_at,
    )


# --- Evidence ----------------------------------------------------------------------------------------------
def evidence_candidates(submission) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    """The evidence a moderator may sample: every eligible activity for the qualification and year that has
    learners, grouped by activity type ("many similar activities" are sampled per type), ids ascending."""
    groups: dict[str, list[int]] = defaultdict(list)
    for pk, kind in (
        Activity.objects.filter(
            centre_id=submission.centre_id,
            qualifications=submission.qualification_id,
            academic_year=submission.academic_year,
            type__in=ELIGIBLE_TYPES,
            participants__isnull=False,
        )
        .exclude(status=ActivityStatus.CANCELLED)
        .values_list("pk", "type")
        .distinct()
        .order_by("pk")
    ):
        groups[kind].append(pk)
    return dict(sorted(groups.items()))


def submission_activities(submission):  # type: ignore[no-untyped-def]
    return Activity.objects.filter(
        centre_id=submission.centre_id, pk__in=[pk for ids in evidence_candidates(submission).values() for pk in ids]
    )


def attendance_pdf(activity: Activity) -> bytes:
    """The attendance/participation record for one activity as a PDF (seed 001 required evidence): the
    planner's own record, so the pack and the centre's download are the same document."""
    from bridgework.activities.services import attendance_pdf as records

    return records.attendance_pdf(activity)


def activity_evidence_files(activity: Activity) -> list[tuple[str, bytes]]:
    """The evidence files kept for an activity or its sessions (name, bytes), included for sampled
    activities. Names are prefixed with the file's id: two uploads may share an original name."""
    from bridgework.activities.planning import EvidenceFile

    found = []
    for evidence in EvidenceFile.objects.filter(activity=activity).order_by("pk"):
        with evidence.file.open("rb") as stored:
            found.append((f"{evidence.pk}-{get_valid_filename(evidence.original_name)}", stored.read()))
    return found


def _sampled_activity_ids(round_) -> list[int]:  # type: ignore[no-untyped-def]
    sample = getattr(round_, "sample", None)
    return sample.chosen_ids if sample is not None else []


def sampled_evidence(round_):  # type: ignore[no-untyped-def]
    """The evidence files of the activities sampled in this round (a moderator may open only these)."""
    from bridgework.activities.planning import EvidenceFile

    return (
        EvidenceFile.objects.filter(centre_id=round_.centre_id, activity_id__in=_sampled_activity_ids(round_))
        .select_related("activity")
        .order_by("activity_id", "pk")
    )


def sampled_citations(round_):  # type: ignore[no-untyped-def]
    """Journal entries the centre cited as evidence for the sampled activities, still shared with the college."""
    from bridgework.portfolio.services.citations import citations_for

    return citations_for(_sampled_activity_ids(round_)).filter(centre_id=round_.centre_id)


def cited_entry_files(citation) -> list[tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    """A cited entry as the pack holds it: its PDF, then each of its files (name, bytes)."""
    from bridgework.portfolio.services.citations import cited_entry_pdf

    stem = f"journal-{citation.entry_id}"
    found = [(f"{stem}.pdf", cited_entry_pdf(citation))]
    for attachment in citation.entry.attachments.all():
        with attachment.file.open("rb") as stored:
            found.append((f"{stem}-{attachment.pk}-{get_valid_filename(attachment.name)}", stored.read()))
    return found


# --- Uploads -----------------------------------------------------------------------------------------------
MODERATION_UPLOAD_KINDS = ("pdf", "image", "office")


def check_upload(file: UploadedFile) -> CheckedUpload:
    """Check an uploaded file by its bytes and size (core.uploads); raise ValidationError with a message a
    person can act on. Returns what is stored with it, including its SHA-256."""
    return validate_upload(file, MODERATION_UPLOAD_KINDS, settings.UPLOAD_MAX_BYTES)


def enrolments_for(submission) -> list[Enrolment]:  # type: ignore[no-untyped-def]
    """The cohort a submission claims for: every enrolment on the qualification in the year, except
    withdrawn or transferred ones."""
    return list(
        Enrolment.objects.filter(
            centre_id=submission.centre_id,
            qualification_id=submission.qualification_id,
            academic_year=submission.academic_year,
        )
        .exclude(status__in=["withdrawn", "transferred"])
        .select_related("learner", "qualification__awarding_organisation")
        .order_by("learner__family_name", "learner__given_name", "pk")
    )


def flatten(values: Iterable[Iterable[int]]) -> list[int]:
    return sorted(pk for group in values for pk in group)
