"""Annual submission state machine (seed 001 §3.4).

    draft ──submit──▶ submitted ──decide met──▶ met
      ▲                 │  │
      └────reopen───────┘  └──decide not met──▶ not_met ──start resubmission──▶ draft (round n+1)

Submitting locks the round: the centre cannot change claims, the declaration or the planner snapshot.
Reopening (before the moderator has given verdicts) is an explicit, audited action by either side.
Every transition locks the submission row first (`select_for_update`) and re-checks the state under it.
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
    ApprovalState,
    Declaration,
    EvidenceSample,
    ImprovementAction,
    LearnerClaim,
    RoundOutcome,
    Submission,
    SubmissionRound,
    SubmissionState,
    Verdict,
)
from bridgework.moderation.services import notify, sampling, sources
from bridgework.moderation.services.approvals import ActionInput
from bridgework.moderation.services.events import TransitionError, log_event


class ClaimErrors(TransitionError):
    """Some claims are invalid: `errors` maps claim id → message. Nothing was saved."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__("Some learners' claims need attention.")
        self.errors = errors


@dataclass(frozen=True)
class ClaimInput:
    claim_met: bool | None
    reason: str = ""


@dataclass(frozen=True)
class VerdictInput:
    verdict: str
    note: str = ""


def _locked(submission_id: int) -> Submission:
    return (
        Submission.objects.select_for_update()
        .select_related("qualification__awarding_organisation", "centre")
        .get(pk=submission_id)
    )


def current_round(submission: Submission) -> SubmissionRound:
    round_ = submission.rounds.order_by("-number").first()
    assert round_ is not None  # every submission is created with round 1
    return round_


def _centre_path(s: Submission) -> str:
    return reverse("staff:submission_detail", kwargs={"centre": s.centre.number, "pk": s.pk})


def _moderator_path(s: Submission) -> str:
    return reverse("moderator:submission_detail", kwargs={"pk": s.pk})


def _fill_claims(
    submission: Submission, round_: SubmissionRound, today: date, previous: SubmissionRound | None
) -> None:
    """Pre-fill each learner's claim from the engine (staff then confirm it); a resubmission starts from the
    staff's previous answers. An answer staff have confirmed is never overwritten by a refresh."""
    enrolments = sources.enrolments_for(submission)
    engine = sources.engine_claims(enrolments, today)
    before = {c.enrolment_id: c for c in previous.claims.all()} if previous else {}
    existing = {c.enrolment_id: c for c in round_.claims.all()}
    now = timezone.now()
    for enrolment in enrolments:
        view = engine[enrolment.pk]
        claim = existing.get(enrolment.pk)
        if claim is None:
            earlier = before.get(enrolment.pk)
            LearnerClaim.objects.create(
                centre_id=submission.centre_id,
                round=round_,
                enrolment=enrolment,
                engine_status=view.status,
                engine_reasons=view.reasons,
                engine_checked_at=now,
                claim_met=earlier.claim_met if earlier else _engine_answer(view.status),
                disagreement_reason=earlier.disagreement_reason if earlier else "",
            )
        else:
            claim.engine_status = view.status
            claim.engine_reasons = view.reasons
            claim.engine_checked_at = now
            if claim.confirmed_at is None:
                claim.claim_met = _engine_answer(view.status)
            claim.save(update_fields=["engine_status", "engine_reasons", "engine_checked_at", "claim_met"])


def _engine_answer(status: str) -> bool | None:
    return None if status == "not_required" else status == "met"


def start(
    *, centre: Any, qualification: Qualification, academic_year: str, actor: Any, today: date | None = None
) -> Submission:
    today = today or timezone.localdate()
    approval = ApprovalCase.objects.filter(centre=centre, qualification=qualification).first()
    if approval is None or approval.state != ApprovalState.APPROVED:
        raise TransitionError("The qualification's employer involvement plan must be approved before a submission.")
    with transaction.atomic():
        submission, created = Submission.objects.get_or_create(
            centre=centre,
            qualification=qualification,
            academic_year=academic_year,
            defaults={"created_by": actor, "deadline": sources.submission_deadline(qualification, academic_year)},
        )
        if created:
            round_ = SubmissionRound.objects.create(centre=centre, submission=submission, number=1)
            _fill_claims(submission, round_, today, None)
            log_event(
                submission, actor, "submission_started", "", submission.state, f"Due {submission.deadline:%-d %B %Y}"
            )
    return submission


def refresh_engine(*, submission_id: int, actor: Any, today: date | None = None) -> None:
    with transaction.atomic():
        submission = _locked(submission_id)
        if not submission.centre_can_edit:
            raise TransitionError("The submission is locked: it has been submitted.")
        _fill_claims(submission, current_round(submission), today or timezone.localdate(), None)
        log_event(submission, actor, "engine_refreshed", submission.state, submission.state)


def _void_declaration(submission: Submission, round_: SubmissionRound, actor: Any) -> None:
    if Declaration.objects.filter(round=round_).delete()[0]:
        log_event(
            submission,
            actor,
            "declaration_voided",
            submission.state,
            submission.state,
            "The submission changed after it was signed: it must be signed again.",
        )


def save_claims(*, submission_id: int, actor: Any, claims: dict[int, ClaimInput]) -> None:
    """Staff confirm each learner's claim. Claiming the opposite of the engine needs a reason."""
    with transaction.atomic():
        # Race: the head of centre submitting while a colleague edits claims. Both lock the submission
        # row; whoever comes second sees the new state and is refused.
        submission = _locked(submission_id)
        if not submission.centre_can_edit:
            raise TransitionError("The submission is locked: it has been submitted.")
        round_ = current_round(submission)
        rows = {c.pk: c for c in round_.claims.all()}
        errors: dict[int, str] = {}
        now = timezone.now()
        changed = []
        for claim_id, given in claims.items():
            claim = rows.get(claim_id)
            if claim is None:
                continue
            claim.claim_met = given.claim_met
            claim.disagreement_reason = given.reason.strip() if claim.disagrees else ""
            if claim.disagrees and not claim.disagreement_reason:
                errors[claim_id] = (
                    f"Say why you disagree with the compliance engine for {claim.enrolment.learner.full_name}."
                )
            claim.confirmed_by = actor
            claim.confirmed_at = now
            changed.append(claim)
        if errors:
            raise ClaimErrors(errors)
        LearnerClaim.objects.bulk_update(changed, ["claim_met", "disagreement_reason", "confirmed_by", "confirmed_at"])
        log_event(submission, actor, "claims_saved", submission.state, submission.state, f"{len(changed)} learners")
        _void_declaration(submission, round_, actor)


def sign_declaration(
    *, submission_id: int, actor: Any, typed_name: str, job_title: str, ip_address: str | None
) -> Declaration:
    if not typed_name.strip() or not job_title.strip():
        raise TransitionError("Type your full name and job title to sign.")
    with transaction.atomic():
        submission = _locked(submission_id)
        if not actor.has_perm("centre.sign_moderation_declaration", submission.centre):
            raise TransitionError("Only a centre administrator can sign the declaration.")
        if not submission.centre_can_edit:
            raise TransitionError("The submission is locked: it has been submitted.")
        round_ = current_round(submission)
        Declaration.objects.filter(round=round_).delete()
        declaration = Declaration.objects.create(
            centre_id=submission.centre_id,
            round=round_,
            typed_name=typed_name.strip(),
            job_title=job_title.strip(),
            signed_by=actor,
            ip_address=ip_address or None,
        )
        log_event(submission, actor, "declaration_signed", submission.state, submission.state, declaration.typed_name)
    return declaration


def checklist(
    submission: Submission, round_: SubmissionRound, planner: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """What the centre owes for this round, and whether it is done (shown on both sides)."""
    claims = list(round_.claims.all())
    required = [c for c in claims if c.engine_status != "not_required" or c.claim_met is not None]
    unconfirmed = [c for c in required if c.confirmed_at is None or c.claim_met is None]
    unexplained = [c for c in claims if c.disagrees and not c.disagreement_reason]
    if planner is None:
        planner = sources.planner_rows(submission.centre_id, submission.qualification_id, submission.academic_year)
    has_declaration = Declaration.objects.filter(round=round_).exists()
    return [
        {
            "key": "claims",
            "label": "Confirm every learner's claim",
            "done": not unconfirmed and not unexplained,
            "detail": f"{len(required) - len(unconfirmed)} of {len(required)} confirmed"
            + (f"; {len(unexplained)} disagreements need a reason" if unexplained else ""),
        },
        {
            "key": "planner",
            "label": "Complete the planner",
            "done": bool(planner),
            "detail": f"{len(planner)} activities" if planner else "No activities recorded for this year",
        },
        {
            "key": "declaration",
            "label": "Head of centre signs the declaration",
            "done": has_declaration,
            "detail": "Signed" if has_declaration else "Not signed",
        },
        {
            "key": "deadline",
            "label": f"Submit by {submission.deadline:%-d %B %Y}",
            "done": round_.submitted_at is not None,
            "detail": "Submitted" if round_.submitted_at else "Not submitted",
        },
    ]


def submit(*, submission_id: int, actor: Any) -> SubmissionRound:
    with transaction.atomic():
        submission = _locked(submission_id)
        if submission.state != SubmissionState.DRAFT:
            raise TransitionError("This submission has already been submitted.")
        round_ = current_round(submission)
        missing = [
            item["label"] for item in checklist(submission, round_) if not item["done"] and item["key"] != "deadline"
        ]
        if missing:
            raise TransitionError("Before submitting: " + "; ".join(missing).lower() + ".")
        round_.planner_snapshot = sources.planner_rows(
            submission.centre_id, submission.qualification_id, submission.academic_year
        )
        round_.submitted_by = actor
        round_.submitted_at = timezone.now()
        round_.save(update_fields=["planner_snapshot", "submitted_by", "submitted_at"])
        submission.state = SubmissionState.SUBMITTED
        submission.save(update_fields=["state"])
        late = timezone.localdate() > submission.deadline
        log_event(
            submission,
            actor,
            "submission_submitted",
            SubmissionState.DRAFT,
            submission.state,
            f"Round {round_.number}" + (" (after the deadline)" if late else ""),
        )
        notify.tell_moderators(
            submission.centre_id,
            submission.qualification.awarding_organisation_id,
            f"submission for {submission.qualification} ({submission.academic_year})",
            f"{submission.centre.name} submitted round {round_.number}. It is waiting for moderation.",
            _moderator_path(submission),
        )
    return round_


def reopen(*, submission_id: int, actor: Any, reason: str, by_moderator: bool) -> None:
    if not reason.strip():
        raise TransitionError("Give the reason for reopening.")
    with transaction.atomic():
        submission = _locked(submission_id)
        if submission.state != SubmissionState.SUBMITTED:
            raise TransitionError("Only a submitted submission waiting for moderation can be reopened.")
        round_ = current_round(submission)
        if round_.claims.exclude(verdict="").exists():
            raise TransitionError("The moderator has started giving verdicts: it can no longer be reopened.")
        if not by_moderator and not actor.has_perm("centre.sign_moderation_declaration", submission.centre):
            raise TransitionError("Only a centre administrator can reopen a submission.")
        round_.submitted_at = None
        round_.submitted_by = None
        round_.save(update_fields=["submitted_at", "submitted_by"])
        EvidenceSample.objects.filter(round=round_).delete()
        submission.state = SubmissionState.DRAFT
        submission.save(update_fields=["state"])
        log_event(submission, actor, "submission_reopened", SubmissionState.SUBMITTED, submission.state, reason)
        _void_declaration(submission, round_, actor)
        if by_moderator:
            notify.tell_centre(
                submission.centre_id,
                f"submission returned: {submission.qualification}",
                f"The moderator reopened your submission: {reason}",
                _centre_path(submission),
            )
        else:
            notify.tell_moderators(
                submission.centre_id,
                submission.qualification.awarding_organisation_id,
                f"submission withdrawn for changes: {submission.qualification}",
                f"{submission.centre.name} reopened its submission: {reason}",
                _moderator_path(submission),
            )


def draw_sample(*, submission_id: int, actor: Any, seed: int | None = None) -> EvidenceSample:
    with transaction.atomic():
        submission = _locked(submission_id)
        if submission.state != SubmissionState.SUBMITTED:
            raise TransitionError("Evidence can be sampled only from a submitted submission.")
        round_ = current_round(submission)
        if EvidenceSample.objects.filter(round=round_).exists():
            raise TransitionError("A sample has already been drawn for this round.")
        population = sources.evidence_candidates(submission)
        rule = sampling.current_rule()
        seed = sampling.new_seed() if seed is None else seed
        sample = EvidenceSample.objects.create(
            centre_id=submission.centre_id,
            round=round_,
            seed=seed,
            rule=rule,
            population=population,
            chosen=sampling.draw(population, seed, rule),
            drawn_by=actor,
        )
        log_event(
            submission,
            actor,
            "sample_drawn",
            submission.state,
            submission.state,
            f"Seed {seed}: {len(sample.chosen_ids)} of {sum(len(v) for v in population.values())} activities",
        )
    return sample


def record_verdicts(*, submission_id: int, actor: Any, verdicts: dict[int, VerdictInput]) -> None:
    with transaction.atomic():
        submission = _locked(submission_id)
        if submission.state != SubmissionState.SUBMITTED:
            raise TransitionError("Verdicts can be given only while the submission waits for moderation.")
        rows = {c.pk: c for c in current_round(submission).claims.select_related("enrolment__learner")}
        errors: dict[int, str] = {}
        changed = []
        now = timezone.now()
        for claim_id, given in verdicts.items():
            claim = rows.get(claim_id)
            if claim is None or not given.verdict:
                continue
            if given.verdict not in Verdict.values:
                errors[claim_id] = "Choose confirmed or not confirmed."
                continue
            if given.verdict == Verdict.NOT_CONFIRMED and not given.note.strip():
                errors[claim_id] = f"Say why the claim for {claim.enrolment.learner.full_name} is not confirmed."
                continue
            claim.verdict, claim.verdict_note, claim.verdict_by, claim.verdict_at = (
                given.verdict,
                given.note.strip(),
                actor,
                now,
            )
            changed.append(claim)
        if errors:
            raise ClaimErrors(errors)
        LearnerClaim.objects.bulk_update(changed, ["verdict", "verdict_note", "verdict_by", "verdict_at"])
        log_event(
            submission, actor, "verdicts_recorded", submission.state, submission.state, f"{len(changed)} learners"
        )


def decide(
    *, submission_id: int, actor: Any, outcome: str, feedback: str, actions: list[ActionInput]
) -> SubmissionRound:
    if outcome not in RoundOutcome.values:
        raise TransitionError("Choose met or not met.")
    if outcome == RoundOutcome.NOT_MET and (not feedback.strip() or not actions):
        raise TransitionError("For not met, give feedback and at least one improvement action with a date.")
    with transaction.atomic():
        # Race: two moderators deciding at once. The lock serialises them; the second finds the state changed.
        submission = _locked(submission_id)
        if submission.state != SubmissionState.SUBMITTED:
            raise TransitionError("This submission is not waiting for a decision (someone may have just decided it).")
        round_ = current_round(submission)
        if not EvidenceSample.objects.filter(round=round_).exists():
            raise TransitionError("Draw the evidence sample before deciding.")
        if round_.claims.filter(claim_met=True, verdict="").exists():
            raise TransitionError("Give a verdict for every learner claimed as met before deciding.")
        round_.outcome = outcome
        round_.feedback = feedback
        round_.decided_by = actor
        round_.decided_at = timezone.now()
        round_.save(update_fields=["outcome", "feedback", "decided_by", "decided_at"])
        for action in actions:
            ImprovementAction.objects.create(
                centre_id=submission.centre_id, submission_round=round_, text=action.text, due_on=action.due_on
            )
        submission.state = SubmissionState.MET if outcome == RoundOutcome.MET else SubmissionState.NOT_MET
        submission.save(update_fields=["state"])
        log_event(
            submission,
            actor,
            "submission_decided",
            SubmissionState.SUBMITTED,
            submission.state,
            f"Round {round_.number}: {round_.get_outcome_display()}",
        )
        notify.tell_centre(
            submission.centre_id,
            f"moderation outcome for {submission.qualification} ({submission.academic_year})",
            f"Round {round_.number}: {round_.get_outcome_display()}."
            + (" Improvement actions are set: act on them and resubmit." if outcome == RoundOutcome.NOT_MET else ""),
            _centre_path(submission),
        )
    return round_


def start_resubmission(*, submission_id: int, actor: Any, today: date | None = None) -> SubmissionRound:
    with transaction.atomic():
        submission = _locked(submission_id)
        if submission.state != SubmissionState.NOT_MET:
            raise TransitionError('A resubmission can be started only after a "not met" outcome.')
        previous = current_round(submission)
        round_ = SubmissionRound.objects.create(
            centre_id=submission.centre_id, submission=submission, number=previous.number + 1
        )
        _fill_claims(submission, round_, today or timezone.localdate(), previous)
        submission.state = SubmissionState.DRAFT
        submission.save(update_fields=["state"])
        log_event(
            submission,
            actor,
            "resubmission_started",
            SubmissionState.NOT_MET,
            submission.state,
            f"Round {round_.number}",
        )
    return round_
