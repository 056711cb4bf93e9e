"""Demo step part: LAST academic year's annual submission for the approved qualification, moderated end to end.

Round 1: staff confirm every claim (agreeing with the engine: one learner missed the placement and has not met
the requirement), the centre admin signs and submits; the moderator samples, gives verdicts and decides not
met with an improvement action. Round 2: the centre records the learner's catch-up week as a contingency,
confirms the claims again, signs and submits; the moderator samples and decides met, and the round's pack is
built. Everything goes through the services, so both sides see the real timeline (stamped when the demo ran).
"""

from __future__ import annotations

from datetime import date, timedelta

from bridgework.activities.services.contingencies import record_contingency
from bridgework.catalogue.models import Qualification
from bridgework.core.demo import DemoContext
from bridgework.core.tenancy import centre_scope
from bridgework.learners.identifiers import academic_year_of, academic_year_start
from bridgework.moderation.demo_last_year_cohort import LastYear, build
from bridgework.moderation.models import Submission
from bridgework.moderation.services import approvals
from bridgework.moderation.services import pack as packs
from bridgework.moderation.services import submissions as subs
from bridgework.moderation.services.approvals import ActionInput
from bridgework.moderation.services.submissions import ClaimInput, VerdictInput

SEEDS = (20250601, 20250602)  # fixed: the same sample every time the demo is built
ACTION = "Record a contingency for learners absent from the placement"


def _centre_round(ctx: DemoContext, submission: Submission) -> None:
    """Staff confirm each learner as the engine sees them; the centre admin signs and submits."""
    coordinator, admin = ctx.objects["coordinator"], ctx.objects["admin"]
    claims = subs.current_round(submission).claims.all()
    subs.save_claims(
        submission_id=submission.pk,
        actor=coordinator,
        claims={c.pk: ClaimInput(c.engine_status == "met") for c in claims if c.engine_status != "not_required"},
    )
    subs.sign_declaration(
        submission_id=submission.pk,
        actor=admin,
        typed_name=admin.get_full_name(),
        job_title="Vice Principal, Curriculum",
        ip_address=None,
    )
    subs.submit(submission_id=submission.pk, actor=admin)


def _moderate(ctx: DemoContext, submission: Submission, seed: int, notes: dict[int, str]) -> None:
    """The moderator draws the sample and confirms every claim, with a note where one is given."""
    moderator = ctx.objects["moderator"]
    subs.draw_sample(submission_id=submission.pk, actor=moderator, seed=seed)
    claims = subs.current_round(submission).claims.exclude(claim_met=None).select_related("enrolment")
    subs.record_verdicts(
        submission_id=submission.pk,
        actor=moderator,
        verdicts={c.pk: VerdictInput("confirmed", notes.get(c.enrolment.learner_id, "")) for c in claims},
    )


def _round_one(ctx: DemoContext, submission: Submission, cohort: LastYear) -> None:
    _centre_round(ctx, submission)
    absent = cohort.absent.full_name
    _moderate(
        ctx,
        submission,
        SEEDS[0],
        {cohort.absent.pk: f"Agreed: {absent} missed the placement week and the May lecture; no contingency."},
    )
    subs.decide(
        submission_id=submission.pk,
        actor=ctx.objects["moderator"],
        outcome="not_met",
        feedback=f"The registers and the signed placement record confirm that {len(cohort.learners) - 1} learners "
        f"met the requirement through the guest lectures and the June placement at Pixel Forge. {absent} was "
        "absent for the whole placement week and no contingency is recorded, so not every learner has met it.",
        actions=[ActionInput(ACTION, ctx.today + timedelta(days=28))],
    )


def _catch_up(ctx: DemoContext, cohort: LastYear) -> None:
    """The catch-up week at Pixel Forge in July, recorded as a contingency for each missed placement day."""
    first = int(cohort.year[:4]) + 1
    july = date(first, 7, 6)
    monday = july + timedelta(days=(7 - july.weekday()) % 7)
    for n, session in enumerate(cohort.placement.sessions.order_by("starts_at")):
        made_up = monday + timedelta(days=n)
        record_contingency(
            session,
            cohort.absent.pk,
            kind="catch_up_session",
            description=f"Off sick for the placement week (GP note on file): made this day up at Pixel Forge on "
            f"{made_up:%-d %B %Y}, on the same client brief with Dev Mistry.",
            completed_on=made_up,
            by=ctx.objects["coordinator"],
        )


def _round_two(ctx: DemoContext, submission: Submission, cohort: LastYear) -> None:
    coordinator, moderator = ctx.objects["coordinator"], ctx.objects["moderator"]
    previous = subs.current_round(submission)
    subs.start_resubmission(submission_id=submission.pk, actor=coordinator, today=ctx.today)
    _catch_up(ctx, cohort)
    subs.refresh_engine(submission_id=submission.pk, actor=coordinator, today=ctx.today)
    for action in previous.actions.all():
        approvals.complete_action(
            action_id=action.pk,
            actor=coordinator,
            note=f"{cohort.absent.full_name}'s catch-up week in July is recorded against each missed day.",
        )
    _centre_round(ctx, submission)
    _moderate(ctx, submission, SEEDS[1], {})
    round_ = subs.decide(
        submission_id=submission.pk,
        actor=moderator,
        outcome="met",
        feedback="The catch-up week is recorded as a contingency for each missed placement day, and the sampled "
        "evidence supports every claim. The requirement is met.",
        actions=[],
    )
    pack = packs.new_pack(round_=round_, actor=moderator)
    with centre_scope(submission.centre_id):
        packs.build_pack(pack.pk)  # at once, not queued: the pack is ready when the demo finishes


def run(ctx: DemoContext, qualification: Qualification, this_year: str) -> Submission:
    """Last year's cohort and its submission, built once: a second run finds the submission and stops."""
    riverside = ctx.objects["riverside"]
    year = academic_year_of(academic_year_start(this_year) - timedelta(days=1))
    cohort = build(ctx, qualification, year)
    submission = Submission.objects.filter(centre=riverside, qualification=qualification, academic_year=year).first()
    if submission is not None:
        return submission
    submission = subs.start(
        centre=riverside,
        qualification=qualification,
        academic_year=year,
        actor=ctx.objects["coordinator"],
        today=ctx.today,
    )
    _round_one(ctx, submission, cohort)
    _round_two(ctx, submission, cohort)
    return submission
