"""The compliance engine: pure functions over Facts. No database access here.

`evaluate(facts, ...)` answers for every enrolment in the facts; `evaluate_learner(learner)` loads one
learner's facts and calls the same `evaluate`, so both paths apply the same rule functions to the same
facts (the property tests check they agree). Each rule returns a reason code when it fails, in the order
of docs/rules.md; the first failing rule explains why an activity does not count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.utils import timezone

from bridgework.activities.models import ActivityStatus, Delivery
from bridgework.activities.types import ActivityType
from bridgework.compliance import reasons as R
from bridgework.compliance.facts import ActivityFact, EnrolmentFact, Facts, QualificationFact, SessionFact
from bridgework.compliance.schemes import Scheme, scheme_for
from bridgework.learners.mei import mei_requirement

NOT_REQUIRED = "not_required"
MET = "met"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
NOT_MET = "not_met"
STATUSES = (MET, ON_TRACK, AT_RISK, NOT_MET, NOT_REQUIRED)
STATUS_LABELS = {
    MET: "Met",
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    NOT_MET: "Not met",
    NOT_REQUIRED: "Not required",
}
# Order of "better" for the monotonicity property (not_required stands apart).
RANK = {NOT_MET: 0, AT_RISK: 1, ON_TRACK: 2, MET: 3}


@dataclass(frozen=True)
class Finding:
    """What the engine found about one activity (or none), compact: the words are made only when shown."""

    code: str
    activity_id: int | None = None
    sessions: tuple[SessionFact, ...] = ()
    pooled: int = 0


@dataclass(frozen=True)
class Result:
    enrolment_id: int
    status: str
    findings: tuple[Finding, ...]
    next_action: str
    deadline: date | None = None
    counting_activity_ids: frozenset[int] = frozenset()
    contingency: bool = False
    # Turns findings into plain-English reasons (it needs the facts); not part of the result's identity.
    explain: Callable[[Finding], R.Reason] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def reasons(self) -> tuple[R.Reason, ...]:
        assert self.explain is not None
        return tuple(self.explain(f) for f in self.findings)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def main_reason(self) -> R.Reason | None:
        return self.reasons[0] if self.findings else None


@dataclass(slots=True)
class _Check:
    """One activity examined for one enrolment."""

    activity: ActivityFact
    code: str | None = None  # the first failing rule, None when rules 1–6 pass
    delivered: tuple[SessionFact, ...] = ()
    upcoming: tuple[SessionFact, ...] = ()
    covered_by_contingency: list[SessionFact] = field(default_factory=list)
    missed: list[SessionFact] = field(default_factory=list)


# --- the rules, one function each ---------------------------------------------------------------------------


def rule_eligible_type(a: ActivityFact, scheme: Scheme) -> str | None:
    return None if a.type in scheme.eligible_types else R.INELIGIBLE_ACTIVITY_TYPE


def rule_linked_to_mandatory_unit(a: ActivityFact, q: QualificationFact) -> str | None:
    return None if a.unit_ids & q.mandatory_units else R.NOT_LINKED_TO_QUALIFICATION


def rule_relevant_employer(a: ActivityFact, q: QualificationFact) -> str | None:
    return None if q.sector_id in a.sector_ids else R.EMPLOYER_NOT_RELEVANT


def is_delivered(s: SessionFact, now: datetime) -> bool:
    """What happened, not the paperwork: the session has ended (ending exactly now counts) and has a register."""
    return s.ends_at <= now and s.has_register


def rule_live(a: ActivityFact) -> str | None:
    return None if a.delivery == Delivery.LIVE else R.RECORDED_ONLY


Timeline = dict[int, tuple[tuple[SessionFact, ...], tuple[SessionFact, ...]]]


def timeline(facts: Facts, now: datetime) -> Timeline:
    """Per activity, once per evaluation: its delivered sessions and those still to come."""
    return {
        aid: (tuple(s for s in sessions if is_delivered(s, now)), tuple(s for s in sessions if s.ends_at > now))
        for aid, sessions in facts.sessions_by_activity.items()
    }


# Rules 1–3 per (qualification, activity): None when they pass, else the (shared) finding that says why not.
StaticCodes = dict[tuple[int, int], "Finding | None"]


def _static_code(q: QualificationFact, a: ActivityFact, scheme: Scheme) -> str | None:
    """Rules 1–3: they depend on the qualification and the activity only, not on the learner."""
    return rule_eligible_type(a, scheme) or rule_linked_to_mandatory_unit(a, q) or rule_relevant_employer(a, q)


def _check(
    e: EnrolmentFact, q: QualificationFact, a: ActivityFact, facts: Facts, scheme: Scheme, times: Timeline
) -> _Check:
    """Rules 4–6 for one learner and an activity that passed rules 1–3."""
    check = _Check(a)
    check.delivered, check.upcoming = times.get(a.id, ((), ()))
    learner_id, marks, contingencies = e.learner_id, facts.marks, facts.contingencies
    for s in check.delivered:
        mark = marks.get((learner_id, s.id))
        if mark is not None and mark.attended:
            continue
        contingency = contingencies.get((learner_id, s.id))
        if scheme.contingencies_allowed and contingency is not None and contingency.completed_on is not None:
            check.covered_by_contingency.append(s)
        else:
            check.missed.append(s)
    check.code = (
        (None if check.delivered else R.NOT_DELIVERED) or rule_live(a) or (R.NOT_ATTENDED if check.missed else None)
    )
    return check


# --- wording ------------------------------------------------------------------------------------------------

PLURAL = {
    ActivityType.GUEST_LECTURE: "guest lectures",
    ActivityType.MASTER_CLASS: "master classes",
}


def _dates(sessions: tuple[SessionFact, ...] | list[SessionFact]) -> str:
    days = []
    for s in sessions:
        label = f"{timezone.localtime(s.starts_at):%-d %b}"
        if label not in days:
            days.append(label)
    if len(days) <= 1:
        return "".join(days)
    return ", ".join(days[:-1]) + " and " + days[-1]


def _units(a: ActivityFact, q: QualificationFact, facts: Facts) -> str:
    numbers = sorted(facts.unit_numbers.get(u, "?") for u in a.unit_ids & q.mandatory_units)
    return ("Unit " if len(numbers) == 1 else "Units ") + ", ".join(numbers)


def _who(a: ActivityFact) -> str:
    return f" by {a.employer_name}" if a.employer_name else ""


TYPE_LABELS = {value: str(label).lower() for value, label in ActivityType.choices}


def _kind(a: ActivityFact) -> str:
    return PLURAL.get(a.type) or TYPE_LABELS.get(a.type, a.type)


def _failure_message(f: Finding, a: ActivityFact, q: QualificationFact, scheme: Scheme) -> str:
    name = f"“{a.title}”"
    if f.code == R.INELIGIBLE_ACTIVITY_TYPE:
        return f"{name} is a {_kind(a)}: valuable, but this kind of activity never counts."
    if f.code == R.NOT_LINKED_TO_QUALIFICATION:
        return f"{name} is not linked to a mandatory unit of {q.title}."
    if f.code == R.EMPLOYER_NOT_RELEVANT:
        return f"{name}: neither the employer nor the practitioners work in this qualification's sector."
    if f.code == R.NOT_DELIVERED:
        if f.sessions:
            return f"{name} has not happened yet (next session {_dates(f.sessions)})."
        return f"{name} has no finished session with a register taken."
    if f.code == R.RECORDED_ONLY:
        return f"{name} was recorded, not live: a recording never counts on its own."
    if f.code == R.NOT_ATTENDED:
        refused = "" if scheme.contingencies_allowed else " (this awarding body does not accept contingencies)"
        return f"{name}: missed the session on {_dates(f.sessions)} with no contingency recorded{refused}."
    if f.code == R.TOO_FEW_SESSIONS:
        return (
            f"{name}: guest lectures and master classes count together — attended {f.pooled} of the "
            f"{scheme.co_delivery_min_sessions} sessions needed."
        )
    return name


def _explainer(q: QualificationFact, facts: Facts, scheme: Scheme) -> Callable[[Finding], R.Reason]:
    def explain(f: Finding) -> R.Reason:
        if f.activity_id is None:
            return R.Reason(R.NO_ACTIVITY, f"No employer activity for {q.title} includes this learner yet.")
        a = facts.activities[f.activity_id]
        if f.code == R.MET:
            return R.Reason(
                R.MET, f"Met by: {_kind(a)}{_who(a)}, {_dates(f.sessions)}, {_units(a, q, facts)} — live", a.id
            )
        if f.code == R.CONTINGENCY:
            message = (
                f"“{a.title}” counts through a contingency for the session on {_dates(f.sessions)}: "
                "the moderator will see it flagged."
            )
            return R.Reason(R.CONTINGENCY, message, a.id)
        if f.code == R.PLANNED:
            return R.Reason(R.PLANNED, f"“{a.title}” on {_dates(f.sessions)} would meet it if attended.", a.id)
        return R.Reason(f.code, _failure_message(f, a, q, scheme), a.id)

    return explain


# --- evaluation ---------------------------------------------------------------------------------------------


def _failure(c: _Check, pooled: int) -> Finding:
    sessions: tuple[SessionFact, ...] = ()
    if c.code == R.NOT_ATTENDED:
        sessions = tuple(c.missed)
    elif c.code == R.NOT_DELIVERED:
        sessions = c.upcoming[:1]
    return Finding(c.code or "", c.activity.id, sessions, pooled if c.code == R.TOO_FEW_SESSIONS else 0)


def evaluate_enrolment(
    e: EnrolmentFact,
    facts: Facts,
    scheme: Scheme,
    now: datetime,
    times: Timeline | None = None,
    static: StaticCodes | None = None,
) -> Result:
    q = facts.qualifications[e.qualification_id]
    requirement = mei_requirement(
        requires_mei=q.requires_mei, date_of_birth=e.date_of_birth, ehc_plan=e.ehc_plan, programme_start=e.start_date
    )
    if not requirement.required:
        reason = R.Reason(requirement.code, requirement.message)
        return Result(e.id, NOT_REQUIRED, (Finding(requirement.code),), "No action needed.", explain=lambda f: reason)
    times = times if times is not None else timeline(facts, now)
    static = static if static is not None else {}
    explain = _explainer(q, facts, scheme)
    deadline = scheme.deadline_for(q.ao_code, e.academic_year)
    checks: list[_Check] = []
    static_failures: list[Finding] = []
    for aid in sorted(facts.participations.get(e.learner_id, ())):
        a = facts.activities.get(aid)
        if a is None:
            continue
        key = (q.id, aid)
        if key not in static:  # the same for every learner on the qualification: decided once per pass
            code = _static_code(q, a, scheme)
            static[key] = Finding(code, aid) if code else None
        if static[key] is not None:
            static_failures.append(static[key])  # type: ignore[arg-type]
        else:
            checks.append(_check(e, q, a, facts, scheme, times))
    # Rule 7: guest lectures and master classes count together, by live sessions attended.
    pool = [c for c in checks if c.code is None and c.activity.type in scheme.co_delivery_types]
    pooled = sum(len(c.delivered) for c in pool)
    if pooled < scheme.co_delivery_min_sessions:
        for c in pool:
            c.code = R.TOO_FEW_SESSIONS
    counting = [c for c in checks if c.code is None]
    # What the learner can act on first (attendance, delivery), then activities that can never count.
    failures = [_failure(c, pooled) for c in checks if c.code] + static_failures
    if counting:
        findings = [Finding(R.MET, c.activity.id, c.delivered) for c in counting]
        contingent = [c for c in counting if c.covered_by_contingency]
        findings += [Finding(R.CONTINGENCY, c.activity.id, tuple(c.covered_by_contingency)) for c in contingent]
        findings += failures  # the other activities, and why they do not count: the whole picture
        action = "Keep the contingency record for the moderator." if contingent else "No action needed."
        ids = frozenset(c.activity.id for c in counting)
        return Result(e.id, MET, tuple(findings), action, deadline, ids, bool(contingent), explain)

    none = (Finding(R.NO_ACTIVITY),)
    if timezone.localdate(now) > deadline:
        action = f"The deadline ({deadline:%-d %B %Y}) has passed: agree improvement actions with the awarding body."
        return Result(e.id, NOT_MET, tuple(failures) or none, action, deadline, explain=explain)
    planned = _would_meet_if_attended(checks, scheme, deadline, pooled)
    if planned is not None:
        first = planned.upcoming[:1]
        action = f"Make sure the learner attends “{planned.activity.title}” on {_dates(first)}."
        finding = Finding(R.PLANNED, planned.activity.id, first)
        return Result(e.id, ON_TRACK, (finding, *failures), action, deadline, explain=explain)
    action = _next_action(checks, scheme, deadline)
    return Result(e.id, AT_RISK, tuple(failures) or none, action, deadline, explain=explain)


def _could_count(c: _Check, scheme: Scheme) -> bool:
    """Rules 1–3 and 5 pass, nothing already missed, not cancelled: attending the rest would meet it."""
    a = c.activity
    return (
        a.status != ActivityStatus.CANCELLED
        and a.type in scheme.eligible_types
        and c.code in (None, R.NOT_DELIVERED, R.TOO_FEW_SESSIONS)
        and a.delivery == Delivery.LIVE
        and not c.missed
    )


def _would_meet_if_attended(checks: list[_Check], scheme: Scheme, deadline: date, pooled: int) -> _Check | None:
    def before_deadline(c: _Check) -> list[SessionFact]:
        return [s for s in c.upcoming if timezone.localdate(s.starts_at) <= deadline]

    candidates = [c for c in checks if _could_count(c, scheme) and before_deadline(c)]
    for c in candidates:
        if c.activity.type not in scheme.co_delivery_types:
            c.upcoming = tuple(before_deadline(c))
            return c
    co = [c for c in candidates if c.activity.type in scheme.co_delivery_types]
    if co and pooled + sum(len(before_deadline(c)) for c in co) >= scheme.co_delivery_min_sessions:
        first = min(co, key=lambda c: before_deadline(c)[0].starts_at)
        first.upcoming = tuple(before_deadline(first))
        return first
    return None


def _next_action(checks: list[_Check], scheme: Scheme, deadline: date) -> str:
    by = f"before {deadline:%-d %B %Y}"
    codes = {c.code for c in checks}
    if R.NOT_ATTENDED in codes and scheme.contingencies_allowed:
        return f"Record a contingency for the missed session, or plan another eligible activity {by}."
    if R.TOO_FEW_SESSIONS in codes:
        return f"Plan another guest lecture or master class session {by}."
    if R.NOT_DELIVERED in codes and any(not c.upcoming for c in checks if c.code == R.NOT_DELIVERED):
        return f"Take the register for the finished session, or plan an eligible activity {by}."
    return f"Plan a live, eligible activity with a relevant employer, linked to a mandatory unit, {by}."


def evaluate(
    facts: Facts,
    scheme: Scheme | Callable[[str], Scheme] | None = None,
    now: datetime | None = None,
) -> dict[int, Result]:
    """Statuses for every enrolment in `facts`. `scheme` defaults to each qualification's AO scheme."""
    now = now or timezone.now()
    pick: Callable[[str], Scheme]
    if scheme is None:
        cache: dict[str, Scheme] = {}
        pick = lambda ao: cache.setdefault(ao, scheme_for(ao))  # noqa: E731
    elif isinstance(scheme, Scheme):
        pick = lambda ao: scheme  # type: ignore[assignment]  # noqa: E731
    else:
        pick = scheme
    times = timeline(facts, now)
    static: dict[str, StaticCodes] = {}  # per scheme: rules 1–3 for each (qualification, activity)
    results = {}
    for eid, e in facts.enrolments.items():
        scheme_used = pick(facts.qualifications[e.qualification_id].ao_code)
        memo = static.setdefault(scheme_used.code, {})
        results[eid] = evaluate_enrolment(e, facts, scheme_used, now, times, memo)
    return results


def evaluate_learner(learner, scheme: Scheme | None = None, now: datetime | None = None) -> dict[int, Result]:  # type: ignore[no-untyped-def]
    """The single-learner path: one learner's facts, the same rules."""
    from bridgework.compliance.facts import load_facts
    from bridgework.learners.models import Enrolment

    learner_id = learner if isinstance(learner, int) else learner.pk
    return evaluate(load_facts(Enrolment.objects.filter(learner_id=learner_id)), scheme, now)
