"""Approval state machine: every transition and its guards, resubmission rounds, withdrawal, the timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django_scopes import scopes_disabled

from bridgework.catalogue.models import Qualification
from bridgework.moderation.models import ApprovalRound, ApprovalState, ModerationEvent
from bridgework.moderation.services import approvals
from bridgework.moderation.services.approvals import ActionInput
from bridgework.moderation.services.events import TransitionError
from bridgework.moderation.tests.factories import pdf_upload

pytestmark = pytest.mark.django_db
SOON = date.today() + timedelta(days=30)


@pytest.fixture
def case(world):  # type: ignore[no-untyped-def]
    return approvals.start_approval(centre=world.a.centre, qualification=world.qualification, actor=world.a.staff)


def _fill(case, world) -> None:  # type: ignore[no-untyped-def]
    approvals.save_draft(
        case_id=case.pk,
        actor=world.a.staff,
        plan_summary="Guest lectures in units 1 and 3.",
        practitioner_sources="Acme Engineering, alumni.",
        supporting_statement="Letter from Acme.",
    )


def test_it_refuses_approval_for_a_qualification_that_does_not_require_mei(world) -> None:
    applied_general = Qualification.objects.filter(requires_mei=False).first()
    with scopes_disabled(), pytest.raises(TransitionError, match="does not require"):
        approvals.start_approval(centre=world.a.centre, qualification=applied_general, actor=world.a.staff)


def test_it_refuses_to_submit_an_empty_plan(world, case) -> None:
    with scopes_disabled(), pytest.raises(TransitionError, match="where practitioners will come from"):
        approvals.submit(case_id=case.pk, actor=world.a.staff)
    case.refresh_from_db()
    assert case.state == ApprovalState.DRAFT


def test_submitting_keeps_a_snapshot_and_locks_the_plan(
    world, case, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with scopes_disabled():
        _fill(case, world)
        approvals.add_file(case_id=case.pk, actor=world.a.staff, upload=pdf_upload(), description="Acme letter")
        with django_capture_on_commit_callbacks(execute=True):
            round_ = approvals.submit(case_id=case.pk, actor=world.a.staff)
        assert round_.number == 1
        assert round_.plan_snapshot["plan_summary"] == "Guest lectures in units 1 and 3."
        assert [f["name"] for f in round_.plan_snapshot["files"]] == ["letter.pdf"]
        assert round_.files.count() == 1
        with pytest.raises(TransitionError, match="submitted"):
            approvals.save_draft(
                case_id=case.pk,
                actor=world.a.staff,
                plan_summary="changed",
                practitioner_sources="x",
                supporting_statement="",
            )
        with pytest.raises(TransitionError):
            approvals.add_file(case_id=case.pk, actor=world.a.staff, upload=pdf_upload(), description="")
        with pytest.raises(TransitionError, match="already been submitted"):
            approvals.submit(case_id=case.pk, actor=world.a.staff)
        case.refresh_from_db()
        assert case.plan_summary == "Guest lectures in units 1 and 3."
    assert [m.to for m in mailoutbox] == [[world.moderator.email]]
    assert f"/moderator/approvals/{case.pk}/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("feedback", "actions", "resubmit_by", "message"),
    [
        ("", [ActionInput("Name employers", SOON)], SOON, "feedback"),
        ("More detail", [], SOON, "improvement action"),
        ("More detail", [ActionInput("Name employers", SOON)], None, "resubmission deadline"),
        ("More detail", [ActionInput("Name employers", SOON)], date.today(), "resubmission deadline"),
    ],
)
def test_b_and_c_need_feedback_actions_and_a_future_deadline(
    world, case, feedback, actions, resubmit_by, message
) -> None:
    with scopes_disabled():
        _fill(case, world)
        approvals.submit(case_id=case.pk, actor=world.a.staff)
        for outcome in ("b", "c"):
            with pytest.raises(TransitionError, match=message):
                approvals.decide(
                    case_id=case.pk,
                    actor=world.moderator,
                    outcome=outcome,
                    feedback=feedback,
                    resubmit_by=resubmit_by,
                    actions=actions,
                )
        case.refresh_from_db()
        assert case.state == ApprovalState.SUBMITTED


def test_it_refuses_a_decision_on_a_draft_and_a_second_decision(world, case) -> None:
    with scopes_disabled():
        with pytest.raises(TransitionError, match="not waiting"):
            approvals.decide(
                case_id=case.pk, actor=world.moderator, outcome="a", feedback="", resubmit_by=None, actions=[]
            )
        _fill(case, world)
        approvals.submit(case_id=case.pk, actor=world.a.staff)
        approvals.decide(case_id=case.pk, actor=world.moderator, outcome="a", feedback="", resubmit_by=None, actions=[])
        with pytest.raises(TransitionError, match="not waiting"):
            approvals.decide(
                case_id=case.pk,
                actor=world.moderator,
                outcome="c",
                feedback="x",
                resubmit_by=SOON,
                actions=[ActionInput("x", SOON)],
            )
        case.refresh_from_db()
        assert case.state == ApprovalState.APPROVED


def test_rounds_further_development_then_meets_then_withdrawn(
    world, case, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with scopes_disabled():
        _fill(case, world)
        approvals.submit(case_id=case.pk, actor=world.a.staff)
        with django_capture_on_commit_callbacks(execute=True):
            approvals.decide(
                case_id=case.pk,
                actor=world.moderator,
                outcome="b",
                feedback="Name the employers.",
                resubmit_by=SOON,
                actions=[ActionInput("List three employers", SOON)],
            )
        case.refresh_from_db()
        assert case.state == ApprovalState.FURTHER_DEVELOPMENT
        assert case.resubmit_by == SOON
        assert [m.to for m in mailoutbox][-1] == [world.a.admin.email]
        # The centre edits and resubmits: round 2, round 1 kept with its outcome and action.
        _fill(case, world)
        approvals.submit(case_id=case.pk, actor=world.a.staff)
        approvals.decide(case_id=case.pk, actor=world.moderator, outcome="a", feedback="", resubmit_by=None, actions=[])
        rounds = list(ApprovalRound.objects.filter(case=case).order_by("number"))
        assert [(r.number, r.outcome) for r in rounds] == [(1, "b"), (2, "a")]
        assert rounds[0].actions.get().text == "List three employers"
        with pytest.raises(TransitionError, match="reason"):
            approvals.withdraw(case_id=case.pk, actor=world.moderator, reason=" ")
        approvals.withdraw(case_id=case.pk, actor=world.moderator, reason="No employer commitment.")
        case.refresh_from_db()
        assert case.state == ApprovalState.WITHDRAWN
        assert case.centre_can_edit  # the centre may submit a revised plan
        with pytest.raises(TransitionError, match="Only an approval"):
            approvals.withdraw(case_id=case.pk, actor=world.moderator, reason="again")
        timeline = list(
            ModerationEvent.objects.filter(approval_case=case)
            .order_by("at", "id")
            .values_list("action", "from_state", "to_state")
        )
    assert ("approval_decided", "submitted", "further_development") in timeline
    assert ("approval_withdrawn", "approved", "withdrawn") in timeline
    assert timeline[0] == ("approval_started", "", "draft")


def test_an_improvement_action_is_done_once(world, case) -> None:
    with scopes_disabled():
        _fill(case, world)
        approvals.submit(case_id=case.pk, actor=world.a.staff)
        round_ = approvals.decide(
            case_id=case.pk,
            actor=world.moderator,
            outcome="c",
            feedback="Missing.",
            resubmit_by=SOON,
            actions=[ActionInput("Find employers", SOON)],
        )
        action = round_.actions.get()
        approvals.complete_action(action_id=action.pk, actor=world.a.staff, note="Three found.")
        with pytest.raises(TransitionError, match="already"):
            approvals.complete_action(action_id=action.pk, actor=world.a.staff, note="")
        action.refresh_from_db()
        assert action.done_by == world.a.staff and action.done_note == "Three found."
