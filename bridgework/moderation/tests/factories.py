"""Factories for moderation tests and permission rows. Each builds rows directly (fast) with scopes off.

GIVEN a centre of the test world, WHEN a factory runs, THEN the named object exists for that centre, in the
state its name says, owned by that centre only.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.activities.models import Activity, ActivitySession, ActivityStatus, AttendanceMark, Participant
from bridgework.employers.models import Employer
from bridgework.moderation.models import (
    ApprovalCase,
    ApprovalOutcome,
    ApprovalRound,
    ApprovalState,
    Declaration,
    EvidenceMessage,
    EvidenceRequest,
    EvidenceSample,
    ImprovementAction,
    LearnerClaim,
    ModerationFile,
    PackState,
    RequestPurpose,
    Side,
    Submission,
    SubmissionPack,
    SubmissionRound,
    SubmissionState,
    VisitReport,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


REFERENCE_NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def pdf_upload(name: str = "letter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def activity(
    c: Any,
    qualification: Any,
    *,
    title: str = "Guest lecture",
    kind: str = "work_experience",
    attended: bool = True,
    days_ago: int = 30,
    learners: list[Any] | None = None,
    year: str = "2025/26",
) -> Activity:
    """A delivered activity with one past session; the learners were present (or absent)."""
    with scopes_disabled():
        act = Activity.objects.create(
            centre=c.centre, title=title, type=kind, academic_year=year, status=ActivityStatus.DELIVERED
        )
        act.qualifications.add(qualification)
        # What the compliance engine needs for the activity to count: a mandatory unit of the qualification
        # and an employer from its sector.
        act.units.add(*qualification.units.filter(mandatory=True)[:1])
        employer, _ = Employer.objects.get_or_create(centre=c.centre, legal_name="Relevant Employer Ltd")
        employer.sectors.add(qualification.sector)
        act.employer = employer
        act.save(update_fields=["employer"])
        # Inside academic year 2025/26 and before its June deadline, so the engine sees a delivered session.
        start = REFERENCE_NOW - timedelta(days=days_ago)
        session = ActivitySession.objects.create(
            centre=c.centre, activity=act, starts_at=start, ends_at=start + timedelta(hours=2)
        )
        for learner in learners or [c.learner]:
            Participant.objects.create(centre=c.centre, activity=act, learner=learner)
            AttendanceMark.objects.create(
                centre=c.centre, session=session, learner=learner, mark="present" if attended else "absent"
            )
    return act


def approval_case(c: Any, qualification: Any, state: str = ApprovalState.DRAFT, **fields: Any) -> ApprovalCase:
    with scopes_disabled():
        case, _ = ApprovalCase.objects.get_or_create(
            centre=c.centre,
            qualification=qualification,
            defaults={
                "state": state,
                "plan_summary": "Guest lectures each term.",
                "practitioner_sources": "Local engineering employers.",
                **fields,
            },
        )
    return case


def submitted_approval(c: Any, qualification: Any) -> ApprovalCase:
    with scopes_disabled():
        case = approval_case(c, qualification, ApprovalState.SUBMITTED)
        ApprovalRound.objects.get_or_create(
            centre=c.centre, case=case, number=1, defaults={"plan_snapshot": {"plan_summary": case.plan_summary}}
        )
    return case


def approved_case(c: Any, qualification: Any) -> ApprovalCase:
    with scopes_disabled():
        case = approval_case(c, qualification, ApprovalState.APPROVED)
        ApprovalRound.objects.get_or_create(
            centre=c.centre,
            case=case,
            number=1,
            defaults={
                "plan_snapshot": {"plan_summary": case.plan_summary},
                "outcome": ApprovalOutcome.MEETS,
                "decided_at": timezone.now(),
            },
        )
    return case


def approval_file(c: Any, qualification: Any, *, submitted: bool = True) -> ModerationFile:
    """A supporting file; submitted with round 1 unless `submitted` is False (then still the centre's draft)."""
    with scopes_disabled():
        case = submitted_approval(c, qualification) if submitted else approval_case(c, qualification)
        record = ModerationFile(
            centre=c.centre,
            approval_case=case,
            approval_round=case.rounds.first() if submitted else None,
            original_name="letter.pdf",
            content_type="application/pdf",
            size=len(PDF_BYTES),
            sha256="0" * 64,
        )
        record.file.save("letter.pdf", ContentFile(PDF_BYTES), save=False)
        record.save()
    return record


def submission(c: Any, qualification: Any, state: str = SubmissionState.DRAFT, year: str = "2025/26") -> Submission:
    """A submission with round 1 and one claim for the world's learner (engine: met, claimed met)."""
    with scopes_disabled():
        approved_case(c, qualification)
        sub, created = Submission.objects.get_or_create(
            centre=c.centre,
            qualification=qualification,
            academic_year=year,
            defaults={"state": state, "deadline": date(int(year[:4]) + 1, 6, 15)},
        )
        if created:
            submitted = state != SubmissionState.DRAFT
            round_ = SubmissionRound.objects.create(
                centre=c.centre, submission=sub, number=1, submitted_at=timezone.now() if submitted else None
            )
            LearnerClaim.objects.create(
                centre=c.centre,
                round=round_,
                enrolment=c.enrolment,
                engine_status="met",
                engine_reasons=["Met: attended a work placement."],
                claim_met=True,
            )
            if submitted:
                Declaration.objects.create(
                    centre=c.centre, round=round_, typed_name="Ada Admin", job_title="Principal", signed_by=c.admin
                )
    return sub


def sampled_submission(c: Any, qualification: Any) -> Submission:
    sub = submission(c, qualification, SubmissionState.SUBMITTED)
    with scopes_disabled():
        round_ = sub.rounds.get(number=1)
        EvidenceSample.objects.get_or_create(
            centre=c.centre,
            round=round_,
            defaults={"seed": 7, "rule": {"min": 3, "fraction": 0.2, "max": 15}, "population": {}, "chosen": {}},
        )
    return sub


def sampled_evidence_file(c: Any, qualification: Any, *, sampled: bool = True) -> tuple[Submission, Any]:
    """A submitted round whose sample chose an activity (or not) that has an evidence file kept."""
    from bridgework.activities.services.evidence import store_evidence
    from bridgework.core.uploads import bytes_upload

    act = activity(c, qualification, title="Sampled placement" if sampled else "Unsampled placement")
    sub = sampled_submission(c, qualification)
    with scopes_disabled():
        sample = sub.rounds.get(number=1).sample
        if sampled:
            sample.chosen = {act.type: sorted({*sample.chosen.get(act.type, []), act.pk})}
            sample.save(update_fields=["chosen"])
        evidence = store_evidence(
            bytes_upload(b"%PDF-1.4\n%%EOF", "letter.pdf"), kind="other", by=c.staff, activity=act
        )
    return sub, evidence


def sampled_citation(c: Any, qualification: Any) -> tuple[Submission, Any]:
    """A learner's journal entry (with a photo) cited by the centre for an activity chosen in the sample."""
    from bridgework.portfolio.services.contributions import cite_entry
    from bridgework.portfolio.services.entries import add_attachment
    from bridgework.portfolio.tests.factories import journal_entry, png_upload

    sub, evidence = sampled_evidence_file(c, qualification)
    with scopes_disabled():
        entry = journal_entry(c.learner, title="My placement week")
        add_attachment(entry, png_upload())
        citation = cite_entry(entry, evidence.activity, "Shows the learner at work.", c.staff)
    return sub, citation


def improvement_action(c: Any, qualification: Any) -> ImprovementAction:
    with scopes_disabled():
        case = approval_case(c, qualification, ApprovalState.FURTHER_DEVELOPMENT)
        round_, _ = ApprovalRound.objects.get_or_create(
            centre=c.centre, case=case, number=1, defaults={"outcome": ApprovalOutcome.FURTHER_DEVELOPMENT}
        )
        return ImprovementAction.objects.create(
            centre=c.centre, approval_round=round_, text="Name the employers.", due_on=date.today() + timedelta(days=30)
        )


def evidence_request(c: Any, qualification: Any, moderator: Any) -> EvidenceRequest:
    with scopes_disabled():
        request = EvidenceRequest.objects.create(
            centre=c.centre,
            qualification=qualification,
            purpose=RequestPurpose.AUDIT,
            subject="Registers please",
            due_on=date.today() + timedelta(days=14),
            created_by=moderator,
        )
        EvidenceMessage.objects.create(
            centre=c.centre,
            request=request,
            side=Side.MODERATOR,
            author=moderator,
            body="Send the registers for the spring term.",
        )
    return request


def visit_report(c: Any, qualification: Any, moderator: Any) -> VisitReport:
    with scopes_disabled():
        return VisitReport.objects.create(
            centre=c.centre,
            qualification=qualification,
            academic_year="2025/26",
            visited_on=date.today(),
            moderator=moderator,
            plan_reviewed=True,
            comments="A well-kept plan.",
        )


def ready_pack(c: Any, qualification: Any) -> SubmissionPack:
    sub = submission(c, qualification, SubmissionState.SUBMITTED)
    with scopes_disabled():
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("manifest.json", "{}")
        pack = SubmissionPack(centre=c.centre, round=sub.rounds.get(number=1), state=PackState.READY)
        pack.file.save("pack.zip", ContentFile(out.getvalue()), save=False)
        pack.size = len(out.getvalue())
        pack.save()
    return pack
