"""Quality assurance between a centre and its awarding organisation (seed 001 §3): approvals, annual
submissions, evidence requests, visit reports, and the timeline of every state change. All centre-owned."""

from bridgework.moderation.models.approvals import ApprovalCase, ApprovalOutcome, ApprovalRound, ApprovalState
from bridgework.moderation.models.common import (
    ImprovementAction,
    ModerationEvent,
    ModerationFile,
)
from bridgework.moderation.models.requests import (
    EvidenceMessage,
    EvidenceRequest,
    RequestPurpose,
    RequestState,
    Side,
    VisitReport,
)
from bridgework.moderation.models.submissions import (
    Declaration,
    EvidenceSample,
    LearnerClaim,
    PackState,
    RoundOutcome,
    Submission,
    SubmissionPack,
    SubmissionRound,
    SubmissionState,
    Verdict,
)

__all__ = [
    "ApprovalCase",
    "ApprovalOutcome",
    "ApprovalRound",
    "ApprovalState",
    "Declaration",
    "EvidenceMessage",
    "EvidenceRequest",
    "EvidenceSample",
    "ImprovementAction",
    "LearnerClaim",
    "ModerationEvent",
    "ModerationFile",
    "PackState",
    "RequestPurpose",
    "RequestState",
    "RoundOutcome",
    "Side",
    "Submission",
    "SubmissionPack",
    "SubmissionRound",
    "SubmissionState",
    "Verdict",
    "VisitReport",
]
