"""Every place moderation reads another feature's data goes through ONE function here, so that each
dependency (compliance engine, centre planner, attendance records, uploads, exports) can be swapped for the
owning feature's implementation without touching the workflow.

Each function does something real from the models as they are on main today; the docstring says where the
owning feature's call replaces it.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import get_valid_filename

from bridgework.activities.exports.plan_rows import PlanRow, plan_rows
from bridgework.activities.exports.planner_tracker import planner_tracker_xlsx
from bridgework.activities.models import (
    Activity,
    ActivityStatus,
    AttendanceMark,
)
from bridgework.activities.types import ELIGIBLE_TYPES
from bridgework.learners.models import Enrolment, LearnerAwardingNumber


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
    """The attendance/participation record for one activity as a PDF: every learner's name, enrolment or
    candidate number and ULN, and their mark at each session (seed 001 required evidence). Interim: rendered
    here with WeasyPrint (the planner feature's per-activity PDF replaces it)."""
    from weasyprint import HTML

    activity = (
        Activity.objects.select_related("employer", "centre")
        .prefetch_related("practitioners", "qualifications__awarding_organisation", "units")
        .get(pk=activity.pk)
    )
    sessions = list(activity.sessions.order_by("starts_at", "id"))
    learners = [
        p.learner
        for p in activity.participants.select_related("learner").order_by(
            "learner__family_name", "learner__given_name", "learner_id"
        )
    ]
    ao_ids = {q.awarding_organisation_id for q in activity.qualifications.all()}
    numbers = {
        n.learner_id: n.number
        for n in LearnerAwardingNumber.objects.filter(learner__in=learners, awarding_organisation_id__in=ao_ids)
    }
    marks = {
        (m.session_id, m.learner_id): m.mark
        for m in AttendanceMark.objects.filter(session__in=sessions, learner__in=learners)
    }
    rows = [
        {
            "learner": learner,
            "number": numbers.get(learner.pk, ""),
            "marks": [marks.get((s.pk, learner.pk), "not recorded").replace("_", " ") for s in sessions],
        }
        for learner in learners
    ]
    html = render_to_string(
        "moderation/pdf/attendance.html",
        {"activity": activity, "sessions": sessions, "rows": rows, "generated_at": timezone.now()},
    )
    return HTML(string=html, url_fetcher=refuse_fetch, base_url=None).write_pdf()


def refuse_fetch(url: str, *args: object, **kwargs: object) -> None:
    """WeasyPrint URL fetcher for generated documents: never fetch anything (no SSRF, no file reads)."""
    raise ValueError(f"Generated documents load no external resources: {url[:80]}")


def activity_evidence_files(activity: Activity) -> list[tuple[str, bytes]]:
    """Further evidence files kept for an activity (name, bytes), included for sampled activities.
    Interim: activities have no evidence files on main yet, so there are none; the planner feature's
    EvidenceFile rows replace this."""
    return []


# --- Uploads -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    safe_name: str
    sha256: str


def check_upload(file: UploadedFile) -> CheckedUpload:
    """Check an uploaded file by its bytes and size (core.uploads); raise ValidationError with a message a
    person can act on. Returns what is stored with it, including its SHA-256."""
    from bridgework.core.uploads import validate_upload

    validate_upload(file, ("pdf", "image", "office"), settings.UPLOAD_MAX_BYTES)
    name = PurePath(file.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    file.seek(0)
    mime = _sniff(file.read(8192), file) or "application/octet-stream"
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    stem = get_valid_filename(os.path.splitext(name)[0])[:100] or "file"
    return CheckedUpload(mime, file.size, f"{stem}.{extension}", digest.hexdigest())


def _sniff(head: bytes, file: UploadedFile) -> str | None:
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if any(n.startswith("xl/") for n in names):
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return None
    kind = filetype.guess(head)
    return kind.mime if kind else None


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
