"""Demo step: quality assurance at Riverside with the OCR demo moderator — one approval that meets
requirements, one that requires further development (with actions), last academic year's submission moderated
end to end (not met, resubmitted, met, with its pack: see demo_last_year), a submission for this academic year
in progress, a request for additional evidence and a visit report. Built through the services, so the
timeline on both sides is the real one."""

from __future__ import annotations

from datetime import timedelta

from bridgework.catalogue.models import Qualification
from bridgework.core.demo import DemoContext
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Enrolment
from bridgework.moderation import demo_last_year
from bridgework.moderation.models import ApprovalCase, EvidenceRequest, LearnerClaim, Submission, VisitReport
from bridgework.moderation.services import approvals
from bridgework.moderation.services import requests as evidence
from bridgework.moderation.services import submissions as subs
from bridgework.moderation.services.approvals import ActionInput
from bridgework.moderation.services.submissions import ClaimInput


def _approval(ctx: DemoContext, qualification: Qualification, outcome: str) -> ApprovalCase:
    riverside, staff, moderator = ctx.objects["riverside"], ctx.objects["coordinator"], ctx.objects["moderator"]
    case = ApprovalCase.objects.filter(centre=riverside, qualification=qualification).first()
    if case is not None:
        return case
    case = approvals.start_approval(centre=riverside, qualification=qualification, actor=staff)
    approvals.save_draft(
        case_id=case.pk,
        actor=staff,
        plan_summary="Autumn: two guest lectures on unit 1 from local employers. Spring: a week's work placement "
        "for every learner, linked to unit 3. Summer: expert witnesses for the practical assessment.",
        practitioner_sources="Riverside's employer partners (Acme Engineering, Northfield Digital), the local "
        "Chamber of Commerce, and alumni working in the sector.",
        supporting_statement="Letters of commitment from Acme Engineering and Northfield Digital; last year's "
        "attendance records.",
    )
    approvals.submit(case_id=case.pk, actor=staff)
    if outcome == "a":
        approvals.decide(
            case_id=case.pk,
            actor=moderator,
            outcome="a",
            feedback="A credible, well-supported plan.",
            resubmit_by=None,
            actions=[],
            today=ctx.today,
        )
    else:
        approvals.decide(
            case_id=case.pk,
            actor=moderator,
            outcome="b",
            feedback="The plan relies on one employer for every activity; there is no contingency for absent learners.",
            resubmit_by=ctx.today + timedelta(days=45),
            actions=[
                ActionInput(
                    "Name at least two further employers and what each will deliver.", ctx.today + timedelta(days=30)
                ),
                ActionInput(
                    "Describe the contingency for learners absent from a live activity.", ctx.today + timedelta(days=30)
                ),
            ],
            today=ctx.today,
        )
    return case


def run(ctx: DemoContext) -> None:
    riverside, moderator = ctx.objects["riverside"], ctx.objects["moderator"]
    taught = Enrolment.objects.filter(centre=riverside).values("qualification_id")
    qualifications = list(
        Qualification.objects.filter(awarding_organisation__code="OCR", requires_mei=True, pk__in=taught).order_by(
            "title"
        )
    )
    if len(qualifications) < 2:
        return
    approved, developing = qualifications[0], qualifications[1]
    _approval(ctx, approved, "a")
    _approval(ctx, developing, "b")

    year = academic_year_of(ctx.today)
    submission = Submission.objects.filter(centre=riverside, qualification=approved, academic_year=year).first()
    if submission is None:
        submission = subs.start(
            centre=riverside,
            qualification=approved,
            academic_year=year,
            actor=ctx.objects["coordinator"],
            today=ctx.today,
        )
        # In progress: staff have confirmed the first few learners, agreeing with the engine.
        first = LearnerClaim.objects.filter(round__submission=submission).exclude(engine_status="not_required")[:4]
        subs.save_claims(
            submission_id=submission.pk,
            actor=ctx.objects["coordinator"],
            claims={c.pk: ClaimInput(c.engine_status == "met") for c in first},
        )
    if not EvidenceRequest.objects.filter(centre=riverside).exists():
        evidence.open_request(
            centre=riverside,
            qualification=approved,
            submission=submission,
            actor=moderator,
            purpose="audit",
            subject="Registers for the autumn guest lectures",
            body="Please upload the signed registers for the autumn guest lectures, with the practitioners' names.",
            due_on=ctx.today + timedelta(days=14),
        )
    if not VisitReport.objects.filter(centre=riverside).exists():
        evidence.record_visit(
            centre=riverside,
            qualification=approved,
            academic_year=year,
            actor=moderator,
            visited_on=ctx.today - timedelta(days=7),
            plan_reviewed=True,
            plan_comments="The MEI centre plan covers every mandatory unit; completion dates are kept up to date.",
            comments="Strong relationships with two local employers. Record contingencies as they happen.",
        )
    last_year = demo_last_year.run(ctx, approved, year)
    ctx.objects.update(moderation_submission=submission, moderation_last_year_submission=last_year)
