"""Submission state machine: start, claims, declaration, submit (locks), reopen, sample, verdicts, outcome,
resubmission rounds — every transition and its guards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django_scopes import scopes_disabled

from bridgework.moderation.models import Declaration, EvidenceSample, LearnerClaim, SubmissionState
from bridgework.moderation.services import submissions as subs
from bridgework.moderation.services.approvals import ActionInput
from bridgework.moderation.services.events import TransitionError
from bridgework.moderation.services.submissions import ClaimInput, VerdictInput
from bridgework.moderation.tests import factories as f

pytestmark = pytest.mark.django_db
SOON = date.today() + timedelta(days=30)


@pytest.fixture
def ready(world):  # type: ignore[no-untyped-def]
    """An approved qualification with one delivered activity the world's learner attended."""
    f.approved_case(world.a, world.qualification)
    f.activity(world.a, world.qualification, title="Placement at Acme")
    return world


def _start(world):  # type: ignore[no-untyped-def]
    return subs.start(
        centre=world.a.centre, qualification=world.qualification, academic_year="2025/26", actor=world.a.staff
    )


def _claim(sub, world, met=True, reason=""):  # type: ignore[no-untyped-def]
    claim = LearnerClaim.objects.get(round__submission=sub, round__number=subs.current_round(sub).number)
    subs.save_claims(submission_id=sub.pk, actor=world.a.staff, claims={claim.pk: ClaimInput(met, reason)})
    return claim


def _sign(sub, world):  # type: ignore[no-untyped-def]
    return subs.sign_declaration(
        submission_id=sub.pk, actor=world.a.admin, typed_name="Ada Alpha", job_title="Principal", ip_address="192.0.2.1"
    )


def _submitted(world):  # type: ignore[no-untyped-def]
    sub = _start(world)
    _claim(sub, world)
    _sign(sub, world)
    subs.submit(submission_id=sub.pk, actor=world.a.staff)
    return sub


def test_it_needs_an_approved_plan_before_a_submission(world) -> None:
    with scopes_disabled(), pytest.raises(TransitionError, match="approved"):
        _start(world)


def test_it_prefills_claims_from_the_engine_with_its_reasons(ready) -> None:
    with scopes_disabled():
        sub = _start(ready)
        claim = LearnerClaim.objects.get(round__submission=sub)
        assert sub.deadline == date(2026, 6, 15)
        assert claim.engine_status == "met"
        assert claim.engine_reasons[0].startswith("Met by:") and "Relevant Employer Ltd" in claim.engine_reasons[0]
        assert claim.claim_met is True and claim.confirmed_at is None  # pre-filled, not yet confirmed by staff


def test_disagreeing_with_the_engine_needs_a_reason_and_nothing_is_saved_without_it(ready) -> None:
    with scopes_disabled():
        sub = _start(ready)
        claim = LearnerClaim.objects.get(round__submission=sub)
        with pytest.raises(subs.ClaimErrors) as refused:
            subs.save_claims(submission_id=sub.pk, actor=ready.a.staff, claims={claim.pk: ClaimInput(False, "")})
        assert "Say why" in refused.value.errors[claim.pk]
        claim.refresh_from_db()
        assert claim.claim_met is True and claim.confirmed_at is None  # nothing saved
        subs.save_claims(
            submission_id=sub.pk,
            actor=ready.a.staff,
            claims={claim.pk: ClaimInput(False, "The placement was cut short.")},
        )
        claim.refresh_from_db()
        assert claim.claim_met is False and claim.disagreement_reason == "The placement was cut short."


def test_only_a_centre_admin_signs_and_a_later_change_voids_the_signature(ready) -> None:
    with scopes_disabled():
        sub = _start(ready)
        _claim(sub, ready)
        with pytest.raises(TransitionError, match="centre administrator"):
            subs.sign_declaration(
                submission_id=sub.pk, actor=ready.a.staff, typed_name="Sid", job_title="Tutor", ip_address=None
            )
        with pytest.raises(TransitionError, match="Type your full name"):
            subs.sign_declaration(
                submission_id=sub.pk, actor=ready.a.admin, typed_name=" ", job_title="x", ip_address=None
            )
        declaration = _sign(sub, ready)
        assert declaration.ip_address == "192.0.2.1" and declaration.signed_by == ready.a.admin
        _claim(sub, ready)
        assert not Declaration.objects.filter(round__submission=sub).exists()


def test_submit_guards_then_locks(ready, mailoutbox, django_capture_on_commit_callbacks) -> None:
    with scopes_disabled():
        sub = _start(ready)
        with pytest.raises(TransitionError, match="confirm every learner"):
            subs.submit(submission_id=sub.pk, actor=ready.a.staff)
        _claim(sub, ready)
        with pytest.raises(TransitionError, match="declaration"):
            subs.submit(submission_id=sub.pk, actor=ready.a.staff)
        _sign(sub, ready)
        with django_capture_on_commit_callbacks(execute=True):
            round_ = subs.submit(submission_id=sub.pk, actor=ready.a.staff)
        sub.refresh_from_db()
        assert sub.state == SubmissionState.SUBMITTED
        assert round_.planner_snapshot[0]["what"] == "Placement at Acme"
        for locked in (
            lambda: _claim(sub, ready),
            lambda: _sign(sub, ready),
            lambda: subs.refresh_engine(submission_id=sub.pk, actor=ready.a.staff),
            lambda: subs.submit(submission_id=sub.pk, actor=ready.a.staff),
        ):
            with pytest.raises(TransitionError):
                locked()
    assert mailoutbox[-1].to == [ready.moderator.email]


def test_submit_needs_a_planner(world) -> None:
    f.approved_case(world.a, world.qualification)
    with scopes_disabled():
        sub = _start(world)
        _claim(sub, world, met=False, reason="")  # engine says not met: agreeing needs no reason
        _sign(sub, world)
        with pytest.raises(TransitionError, match="planner"):
            subs.submit(submission_id=sub.pk, actor=world.a.staff)


def test_reopen_is_explicit_audited_and_guarded(ready) -> None:
    with scopes_disabled():
        sub = _start(ready)
        with pytest.raises(TransitionError, match="Only a submitted"):
            subs.reopen(submission_id=sub.pk, actor=ready.a.admin, reason="x", by_moderator=False)
        _claim(sub, ready)
        _sign(sub, ready)
        subs.submit(submission_id=sub.pk, actor=ready.a.staff)
        with pytest.raises(TransitionError, match="reason"):
            subs.reopen(submission_id=sub.pk, actor=ready.a.admin, reason="", by_moderator=False)
        with pytest.raises(TransitionError, match="centre administrator"):
            subs.reopen(submission_id=sub.pk, actor=ready.a.staff, reason="Missed a learner", by_moderator=False)
        subs.reopen(submission_id=sub.pk, actor=ready.a.admin, reason="Missed a learner", by_moderator=False)
        sub.refresh_from_db()
        assert sub.state == SubmissionState.DRAFT
        assert not Declaration.objects.filter(round__submission=sub).exists()  # must be signed again
        assert sub.events.filter(action="submission_reopened", note="Missed a learner").exists()
        _sign(sub, ready)
        subs.submit(submission_id=sub.pk, actor=ready.a.staff)
        claim = LearnerClaim.objects.get(round__submission=sub)
        subs.draw_sample(submission_id=sub.pk, actor=ready.moderator, seed=1)
        subs.record_verdicts(
            submission_id=sub.pk, actor=ready.moderator, verdicts={claim.pk: VerdictInput("confirmed")}
        )
        with pytest.raises(TransitionError, match="verdicts"):
            subs.reopen(submission_id=sub.pk, actor=ready.moderator, reason="x", by_moderator=True)


def test_moderator_guards_sample_verdicts_and_outcome(ready) -> None:
    with scopes_disabled():
        sub = _start(ready)
        with pytest.raises(TransitionError, match="submitted"):
            subs.draw_sample(submission_id=sub.pk, actor=ready.moderator)
        _claim(sub, ready)
        _sign(sub, ready)
        subs.submit(submission_id=sub.pk, actor=ready.a.staff)
        claim = LearnerClaim.objects.get(round__submission=sub)
        with pytest.raises(TransitionError, match="sample"):
            subs.decide(submission_id=sub.pk, actor=ready.moderator, outcome="met", feedback="", actions=[])
        subs.draw_sample(submission_id=sub.pk, actor=ready.moderator)
        with pytest.raises(TransitionError, match="already been drawn"):
            subs.draw_sample(submission_id=sub.pk, actor=ready.moderator)
        with pytest.raises(TransitionError, match="verdict for every learner"):
            subs.decide(submission_id=sub.pk, actor=ready.moderator, outcome="met", feedback="", actions=[])
        with pytest.raises(subs.ClaimErrors):
            subs.record_verdicts(
                submission_id=sub.pk, actor=ready.moderator, verdicts={claim.pk: VerdictInput("not_confirmed", "")}
            )
        subs.record_verdicts(
            submission_id=sub.pk,
            actor=ready.moderator,
            verdicts={claim.pk: VerdictInput("not_confirmed", "Register unsigned.")},
        )
        with pytest.raises(TransitionError, match="improvement action"):
            subs.decide(submission_id=sub.pk, actor=ready.moderator, outcome="not_met", feedback="No", actions=[])
        subs.decide(
            submission_id=sub.pk,
            actor=ready.moderator,
            outcome="not_met",
            feedback="Registers unsigned.",
            actions=[ActionInput("Get registers signed", SOON)],
        )
        with pytest.raises(TransitionError, match="not waiting"):
            subs.decide(submission_id=sub.pk, actor=ready.moderator, outcome="met", feedback="", actions=[])
        with pytest.raises(TransitionError):
            subs.record_verdicts(
                submission_id=sub.pk, actor=ready.moderator, verdicts={claim.pk: VerdictInput("confirmed")}
            )


def test_not_met_then_resubmission_round_then_met(ready, mailoutbox, django_capture_on_commit_callbacks) -> None:
    with scopes_disabled():
        sub = _submitted(ready)
        with pytest.raises(TransitionError, match="not met"):
            subs.start_resubmission(submission_id=sub.pk, actor=ready.a.staff)
        claim = LearnerClaim.objects.get(round__submission=sub)
        subs.draw_sample(submission_id=sub.pk, actor=ready.moderator, seed=3)
        subs.record_verdicts(
            submission_id=sub.pk,
            actor=ready.moderator,
            verdicts={claim.pk: VerdictInput("not_confirmed", "Unsigned register.")},
        )
        with django_capture_on_commit_callbacks(execute=True):
            subs.decide(
                submission_id=sub.pk,
                actor=ready.moderator,
                outcome="not_met",
                feedback="Sign registers.",
                actions=[ActionInput("Get the register signed", SOON)],
            )
        assert mailoutbox[-1].to == [ready.a.admin.email]
        round2 = subs.start_resubmission(submission_id=sub.pk, actor=ready.a.staff)
        sub.refresh_from_db()
        assert sub.state == SubmissionState.DRAFT and round2.number == 2
        carried = LearnerClaim.objects.get(round=round2)
        assert carried.claim_met is True and carried.verdict == ""  # the staff's answer carries over; no verdict yet
        assert carried.confirmed_at is None  # ...but each round is confirmed afresh
        _claim(sub, ready)
        _sign(sub, ready)
        subs.submit(submission_id=sub.pk, actor=ready.a.staff)
        subs.draw_sample(submission_id=sub.pk, actor=ready.moderator, seed=3)
        subs.record_verdicts(
            submission_id=sub.pk, actor=ready.moderator, verdicts={carried.pk: VerdictInput("confirmed")}
        )
        subs.decide(submission_id=sub.pk, actor=ready.moderator, outcome="met", feedback="Well evidenced.", actions=[])
        sub.refresh_from_db()
        assert sub.state == SubmissionState.MET
        rounds = list(sub.rounds.order_by("number").values_list("number", "outcome"))
        assert rounds == [(1, "not_met"), (2, "met")]
        assert LearnerClaim.objects.get(round__number=1, round__submission=sub).verdict == "not_confirmed"
        actions = list(sub.events.order_by("at", "id").values_list("action", flat=True))
    assert actions.count("submission_submitted") == 2 and actions[-1] == "submission_decided"


def test_the_moderator_can_return_a_submission_before_verdicts(
    ready, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with scopes_disabled():
        sub = _submitted(ready)
        subs.draw_sample(submission_id=sub.pk, actor=ready.moderator, seed=9)
        with django_capture_on_commit_callbacks(execute=True):
            subs.reopen(submission_id=sub.pk, actor=ready.moderator, reason="Wrong cohort uploaded.", by_moderator=True)
        sub.refresh_from_db()
        assert sub.state == SubmissionState.DRAFT
        assert not subs.current_round(sub).submitted_at
        assert not EvidenceSample.objects.filter(round__submission=sub).exists()  # a new draw after resubmitting
        event = sub.events.get(action="submission_reopened")
        assert (event.actor, event.from_state, event.to_state) == (ready.moderator, "submitted", "draft")
    assert mailoutbox[-1].to == [ready.a.admin.email] and "Wrong cohort uploaded." in mailoutbox[-1].body
