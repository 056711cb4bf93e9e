"""The moderation demo shows last year's submission moderated end to end, and running the demo again adds nothing."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django_scopes import scopes_disabled

from bridgework.activities.models import Activity, AttendanceMark, Contingency, EvidenceFile
from bridgework.core.demo import run_demo
from bridgework.learners.models import Enrolment, Learner
from bridgework.moderation import demo_last_year
from bridgework.moderation.models import (
    EvidenceSample,
    LearnerClaim,
    ModerationEvent,
    PackState,
    Submission,
    SubmissionPack,
    SubmissionRound,
    SubmissionState,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 10, 5)  # academic year 2026/27: last year is 2025/26


def _counts() -> tuple[int, ...]:
    models = [Submission, SubmissionRound, LearnerClaim, EvidenceSample, SubmissionPack, ModerationEvent]
    models += [Learner, Enrolment, Activity, AttendanceMark, Contingency, EvidenceFile]
    return tuple(model.objects.count() for model in models)


def test_last_years_submission_is_not_met_then_met_with_a_pack_and_a_second_run_changes_nothing() -> None:
    run_demo(TODAY)
    with scopes_disabled():
        submission = Submission.objects.get(academic_year="2025/26")
        assert submission.state == SubmissionState.MET
        first, second = submission.rounds.order_by("number")
        assert (first.outcome, second.outcome) == ("not_met", "met")
        assert [a.text for a in first.actions.all()] == [demo_last_year.ACTION]
        assert first.actions.get().done_at is not None
        assert first.sample.seed == demo_last_year.SEEDS[0] and second.sample.seed == demo_last_year.SEEDS[1]

        # Round 1: one learner missed the placement; staff agreed with the engine and the moderator confirmed.
        claims = {c.enrolment.learner.family_name: c for c in first.claims.select_related("enrolment__learner")}
        assert len(claims) == 5 and all(c.verdict == "confirmed" for c in claims.values())
        assert (claims["Brennan"].engine_status, claims["Brennan"].claim_met) == ("not_met", False)
        assert all(c.claim_met for name, c in claims.items() if name != "Brennan")
        # Round 2: a contingency for each missed placement day, so every learner is met.
        assert Contingency.objects.filter(learner__family_name="Brennan").count() == 5
        met = {(c.engine_status, c.claim_met, c.verdict) for c in second.claims.all()}
        assert met == {("met", True, "confirmed")} and second.claims.count() == 5

        pack = second.packs.get()
        assert pack.state == PackState.READY, pack.error
        names = zipfile.ZipFile(io.BytesIO(pack.file.read())).namelist()
        assert "declaration.pdf" in names and any(n.endswith("placement-record.pdf") for n in names)
        counts = _counts()

    run_demo(TODAY)
    with scopes_disabled():
        assert _counts() == counts
