"""The moderation timeline: every transition is written here, inside the transition's transaction."""

from __future__ import annotations

from typing import Any

from bridgework.moderation.models import ApprovalCase, EvidenceRequest, ModerationEvent, Submission


class TransitionError(Exception):
    """A transition's guard failed. The message says what to do, in words a person can act on."""


def log_event(
    target: ApprovalCase | Submission | EvidenceRequest,
    actor: Any,
    action: str,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
) -> ModerationEvent:
    links: dict[str, Any] = {}
    if isinstance(target, ApprovalCase):
        links["approval_case"] = target
    elif isinstance(target, Submission):
        links["submission"] = target
    else:
        links["evidence_request"] = target
        if target.submission_id:
            links["submission_id"] = target.submission_id
    return ModerationEvent.objects.create(
        centre_id=target.centre_id,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
        **links,
    )


ACTION_LABELS = {
    "approval_started": "Approval started",
    "approval_draft_saved": "Plan updated",
    "approval_file_added": "Supporting file added",
    "approval_submitted": "Plan submitted",
    "approval_decided": "Moderator decided",
    "approval_withdrawn": "Approval withdrawn",
    "submission_started": "Submission started",
    "engine_refreshed": "Claims refreshed from the compliance engine",
    "claims_saved": "Learner claims confirmed",
    "declaration_signed": "Declaration signed",
    "declaration_voided": "Declaration voided by a change",
    "submission_submitted": "Submitted",
    "submission_reopened": "Reopened",
    "sample_drawn": "Evidence sample drawn",
    "verdicts_recorded": "Learner verdicts recorded",
    "submission_decided": "Moderator decided",
    "resubmission_started": "Resubmission started",
    "action_done": "Improvement action done",
    "request_opened": "Evidence requested",
    "request_replied": "Reply",
    "request_closed": "Request closed",
    "pack_requested": "Submission pack requested",
    "visit_recorded": "Visit report recorded",
}
