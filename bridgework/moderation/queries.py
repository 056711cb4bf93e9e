"""What both sides' pages show, loaded with a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from bridgework.moderation.models import (
    ApprovalCase,
    ApprovalRound,
    EvidenceRequest,
    ImprovementAction,
    LearnerClaim,
    ModerationEvent,
    ModerationFile,
    Submission,
    SubmissionPack,
    SubmissionRound,
)
from bridgework.moderation.services import sources
from bridgework.moderation.services.events import ACTION_LABELS
from bridgework.moderation.services.submissions import checklist


def timeline(events: QuerySet[ModerationEvent], limit: int = 100) -> list[dict[str, Any]]:
    return [
        {"event": e, "label": ACTION_LABELS.get(e.action, e.action.replace("_", " ").capitalize())}
        for e in events.select_related("actor")[:limit]
    ]


def approval_context(case: ApprovalCase) -> dict[str, Any]:
    rounds = list(
        case.rounds.select_related("submitted_by", "decided_by")
        .prefetch_related("files", Prefetch("actions", queryset=ImprovementAction.objects.select_related("done_by")))
        .order_by("-number")
    )
    return {
        "case": case,
        "rounds": rounds,
        "pending_files": list(ModerationFile.objects.filter(approval_case=case, approval_round__isnull=True)),
        "timeline": timeline(case.events.all()),
    }


def submission_context(submission: Submission) -> dict[str, Any]:
    rounds: list[SubmissionRound] = list(
        submission.rounds.select_related("submitted_by", "decided_by", "declaration__signed_by", "sample__drawn_by")
        .prefetch_related(Prefetch("actions", queryset=ImprovementAction.objects.select_related("done_by")))
        .order_by("-number")
    )
    current = rounds[0]
    claims = list(
        LearnerClaim.objects.filter(round=current)
        .select_related("enrolment__learner", "confirmed_by", "verdict_by")
        .order_by("enrolment__learner__family_name", "enrolment__learner__given_name", "pk")
    )
    planner = (
        current.planner_snapshot
        if current.submitted_at
        else sources.planner_rows(submission.centre_id, submission.qualification_id, submission.academic_year)
    )
    sample = getattr(current, "sample", None)
    chosen = set(sample.chosen_ids) if sample else set()
    for row in planner:
        row["sampled"] = row.get("activity_id") in chosen
    return {
        "submission": submission,
        "round": current,
        "rounds": rounds,
        "earlier_rounds": rounds[1:],
        "claims": claims,
        "checklist": checklist(submission, current, None if current.submitted_at else planner),
        "planner": planner,
        "planner_columns": sources.PLANNER_COLUMNS,
        "sample": sample,
        "sampled_evidence": list(sources.sampled_evidence(current)),
        "sampled_citations": list(sources.sampled_citations(current)),
        "declaration": getattr(current, "declaration", None),
        "packs": list(SubmissionPack.objects.filter(round__submission=submission).select_related("round")[:5]),
        "requests": list(EvidenceRequest.objects.filter(submission=submission)),
        "timeline": timeline(submission.events.all()),
    }


def open_actions(qs: QuerySet[ImprovementAction]) -> list[ImprovementAction]:
    return list(
        qs.filter(done_at__isnull=True).select_related(
            "approval_round__case__qualification", "submission_round__submission__qualification"
        )
    )


__all__ = ["ApprovalRound", "approval_context", "open_actions", "submission_context", "timeline"]
