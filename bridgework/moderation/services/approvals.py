"""Approval state machine (seed 001 §3.2).

    draft ──submit──▶ submitted ──decide a)──▶ approved ──withdraw──▶ withdrawn
                         │                                              │
                         ├──decide b)──▶ further_development ──submit───┤ (a new round each time)
                         └──decide c)──▶ not_completed ───────submit────┘

Every transition locks the case row first (`select_for_update`) and re-checks its state under the lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bridgework.catalogue.models import Qualification
from bridgework.moderation.models import (
    ApprovalCase,
    ApprovalOutcome,
    ApprovalRound,
    ApprovalState,
    ImprovementAction,
    ModerationFile,
)
from bridgework.moderation.services import notify
from bridgework.moderation.services.events import TransitionError, log_event
from bridgework.moderation.services.files import store_file

OUTCOME_STATE = {
    ApprovalOutcome.MEETS: ApprovalState.APPROVED,
    ApprovalOutcome.FURTHER_DEVELOPMENT: ApprovalState.FURTHER_DEVELOPMENT,
    ApprovalOutcome.NOT_COMPLETED: ApprovalState.NOT_COMPLETED,
}


@dataclass(frozen=True)
class ActionInput:
    text: str
    due_on: date


def _locked(case_id: int) -> ApprovalCase:
    return ApprovalCase.objects.select_for_update().select_related("qualification").get(pk=case_id)


def _centre_path(case: ApprovalCase) -> str:
    return reverse("staff:approval_detail", kwargs={"centre": case.centre.number, "pk": case.pk})


def _moderator_path(case: ApprovalCase) -> str:
    return reverse("moderator:approval_detail", kwargs={"pk": case.pk})


def start_approval(*, centre: Any, qualification: Qualification, actor: Any) -> ApprovalCase:
    if not qualification.requires_mei:
        raise TransitionError("This qualification does not require employer involvement, so it needs no approval.")
    with transaction.atomic():
        case, created = ApprovalCase.objects.get_or_create(
            centre=centre, qualification=qualification, defaults={"created_by": actor}
        )
        if created:
            log_event(case, actor, "approval_started", "", case.state)
    return case


def save_draft(
    *, case_id: int, actor: Any, plan_summary: str, practitioner_sources: str, supporting_statement: str
) -> ApprovalCase:
    with transaction.atomic():
        # Race: a colleague submitting at the same moment. The lock makes one wait; the state check then
        # refuses an edit to a plan that has just been submitted.
        case = _locked(case_id)
        if not case.centre_can_edit:
            raise TransitionError("The plan has been submitted: it cannot be changed until the moderator decides.")
        case.plan_summary = plan_summary
        case.practitioner_sources = practitioner_sources
        case.supporting_statement = supporting_statement
        case.save(update_fields=["plan_summary", "practitioner_sources", "supporting_statement", "updated_at"])
        log_event(case, actor, "approval_draft_saved", case.state, case.state)
    return case


def add_file(*, case_id: int, actor: Any, upload: Any, description: str) -> ModerationFile:
    with transaction.atomic():
        case = _locked(case_id)
        if not case.centre_can_edit:
            raise TransitionError("The plan has been submitted: files cannot be added until the moderator decides.")
        record = store_file(
            centre_id=case.centre_id, upload=upload, actor=actor, description=description, approval_case=case
        )
        log_event(case, actor, "approval_file_added", case.state, case.state, record.original_name)
    return record


def submit(*, case_id: int, actor: Any) -> ApprovalRound:
    with transaction.atomic():
        case = _locked(case_id)
        if not case.centre_can_edit:
            raise TransitionError("This plan has already been submitted.")
        missing = [
            label
            for label, value in (
                ("how every learner will get employer involvement", case.plan_summary),
                ("where practitioners will come from", case.practitioner_sources),
            )
            if not value.strip()
        ]
        if missing:
            raise TransitionError("Before submitting, say " + " and ".join(missing) + ".")
        previous = case.state
        number = case.rounds.count() + 1
        files = list(ModerationFile.objects.filter(approval_case=case, approval_round__isnull=True))
        snapshot = {
            "plan_summary": case.plan_summary,
            "practitioner_sources": case.practitioner_sources,
            "supporting_statement": case.supporting_statement,
            "files": [{"id": f.pk, "name": f.original_name, "sha256": f.sha256} for f in files],
            "previous_files": [
                {"id": f.pk, "name": f.original_name, "sha256": f.sha256}
                for f in ModerationFile.objects.filter(approval_case=case, approval_round__isnull=False)
            ],
        }
        round_ = ApprovalRound.objects.create(
            centre_id=case.centre_id, case=case, number=number, plan_snapshot=snapshot, submitted_by=actor
        )
        ModerationFile.objects.filter(pk__in=[f.pk for f in files]).update(approval_round=round_)
        case.state = ApprovalState.SUBMITTED
        case.save(update_fields=["state", "updated_at"])
        log_event(case, actor, "approval_submitted", previous, case.state, f"Round {number}")
        notify.tell_moderators(
            case.centre_id,
            case.qualification.awarding_organisation_id,
            f"approval plan submitted for {case.qualification}",
            f"{case.centre.name} submitted round {number} of its employer involvement plan for "
            f"{case.qualification}. It is waiting for your decision.",
            _moderator_path(case),
        )
    return round_


def decide(
    *,
    case_id: int,
    actor: Any,
    outcome: str,
    feedback: str,
    resubmit_by: date | None,
    actions: list[ActionInput],
    today: date | None = None,
) -> ApprovalRound:
    today = today or timezone.localdate()
    if outcome not in ApprovalOutcome.values:
        raise TransitionError("Choose an outcome: a), b) or c).")
    if outcome != ApprovalOutcome.MEETS:
        if not feedback.strip():
            raise TransitionError("Give feedback: the centre needs to know what to improve.")
        if not actions:
            raise TransitionError("Add at least one improvement action with a date.")
        if resubmit_by is None or resubmit_by <= today:
            raise TransitionError("Set a resubmission deadline after today.")
    with transaction.atomic():
        # Race: two moderators deciding the same round at once. The row lock serialises them; the second
        # sees the state is no longer "submitted" and is refused instead of overwriting the first decision.
        case = _locked(case_id)
        if case.state != ApprovalState.SUBMITTED:
            raise TransitionError("This plan is not waiting for a decision (someone may have just decided it).")
        round_ = case.rounds.order_by("-number").first()
        assert round_ is not None  # a submitted case always has a round
        round_.outcome = outcome
        round_.feedback = feedback
        round_.resubmit_by = resubmit_by if outcome != ApprovalOutcome.MEETS else None
        round_.decided_by = actor
        round_.decided_at = timezone.now()
        round_.save()
        for action in actions:
            ImprovementAction.objects.create(
                centre_id=case.centre_id, approval_round=round_, text=action.text, due_on=action.due_on
            )
        previous = case.state
        case.state = OUTCOME_STATE[ApprovalOutcome(outcome)]
        case.resubmit_by = round_.resubmit_by
        case.save(update_fields=["state", "resubmit_by", "updated_at"])
        log_event(case, actor, "approval_decided", previous, case.state, round_.get_outcome_display())
        notify.tell_centre(
            case.centre_id,
            f"approval decision for {case.qualification}",
            f"The moderator decided round {round_.number}: {round_.get_outcome_display()}."
            + (f" Resubmit by {resubmit_by:%-d %B %Y}." if round_.resubmit_by else ""),
            _centre_path(case),
        )
    return round_


def withdraw(*, case_id: int, actor: Any, reason: str) -> ApprovalCase:
    if not reason.strip():
        raise TransitionError("Give the reason the approval is withdrawn.")
    with transaction.atomic():
        case = _locked(case_id)
        if case.state != ApprovalState.APPROVED:
            raise TransitionError("Only an approval that meets requirements can be withdrawn.")
        case.state = ApprovalState.WITHDRAWN
        case.withdrawn_reason = reason
        case.save(update_fields=["state", "withdrawn_reason", "updated_at"])
        log_event(case, actor, "approval_withdrawn", ApprovalState.APPROVED, case.state, reason)
        notify.tell_centre(
            case.centre_id,
            f"approval withdrawn for {case.qualification}",
            f"The moderator withdrew the approval: {reason}\nYou may submit a revised plan.",
            _centre_path(case),
        )
    return case


def complete_action(*, action_id: int, actor: Any, note: str) -> ImprovementAction:
    with transaction.atomic():
        action = ImprovementAction.objects.select_for_update().get(pk=action_id)
        if action.done_at:
            raise TransitionError("This action is already marked as done.")
        action.done_at = timezone.now()
        action.done_by = actor
        action.done_note = note
        action.save(update_fields=["done_at", "done_by", "done_note"])
        target = action.approval_round.case if action.approval_round_id else action.submission_round.submission
        log_event(target, actor, "action_done", target.state, target.state, action.text[:200])
    return action
