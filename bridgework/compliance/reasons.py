"""Reason codes and their plain-English wording. Every status the engine returns carries reasons from here."""

from __future__ import annotations

from dataclasses import dataclass

from bridgework.learners.mei import LEARNER_AGE_OUT_OF_SCOPE, QUALIFICATION_NOT_REQUIRED

MET = "MET"
CONTINGENCY = "CONTINGENCY"
INELIGIBLE_ACTIVITY_TYPE = "INELIGIBLE_ACTIVITY_TYPE"
NOT_LINKED_TO_QUALIFICATION = "NOT_LINKED_TO_QUALIFICATION"
EMPLOYER_NOT_RELEVANT = "EMPLOYER_NOT_RELEVANT"
NOT_DELIVERED = "NOT_DELIVERED"
RECORDED_ONLY = "RECORDED_ONLY"
NOT_ATTENDED = "NOT_ATTENDED"
TOO_FEW_SESSIONS = "TOO_FEW_SESSIONS"
NO_ACTIVITY = "NO_ACTIVITY"
PLANNED = "PLANNED"

__all__ = [
    "CONTINGENCY",
    "EMPLOYER_NOT_RELEVANT",
    "INELIGIBLE_ACTIVITY_TYPE",
    "LEARNER_AGE_OUT_OF_SCOPE",
    "MET",
    "NOT_ATTENDED",
    "NOT_DELIVERED",
    "NOT_LINKED_TO_QUALIFICATION",
    "NO_ACTIVITY",
    "PLANNED",
    "QUALIFICATION_NOT_REQUIRED",
    "RECORDED_ONLY",
    "TOO_FEW_SESSIONS",
    "Reason",
]

# Short titles for each code, shown as the reason's heading and documented in docs/rules.md.
TITLES: dict[str, str] = {
    QUALIFICATION_NOT_REQUIRED: "Qualification does not require employer involvement",
    LEARNER_AGE_OUT_OF_SCOPE: "Learner outside the age rule",
    MET: "Met",
    CONTINGENCY: "Met through a contingency",
    INELIGIBLE_ACTIVITY_TYPE: "Activity type never counts",
    NOT_LINKED_TO_QUALIFICATION: "Not linked to a mandatory unit",
    EMPLOYER_NOT_RELEVANT: "Employer not relevant to the sector",
    NOT_DELIVERED: "Not delivered yet",
    RECORDED_ONLY: "Recorded, not live",
    NOT_ATTENDED: "Not attended in full",
    TOO_FEW_SESSIONS: "Too few guest lecture or master class sessions",
    NO_ACTIVITY: "No activity",
    PLANNED: "Planned",
}


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    activity_id: int | None = None

    @property
    def title(self) -> str:
        return TITLES.get(self.code, self.code)
