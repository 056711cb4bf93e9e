"""The City & Guilds Employer Involvement Planner and Tracker (domain.md §6) for one qualification and year, as
one workbook:

- Plan: the planned activities (plan_rows): unit, activity, type, employer, dates, who delivers;
- Tracker: a row per learner and activity they take part in — name, enrolment number, ULN, dates attended,
  contingencies, employer, unit, evidence — with the compliance engine's verdict (met / not yet met) and why;
- Changes: the plan's history (employers and activities change through the year; C&G asks for it recorded);
- Details: centre, qualification, year, where practitioners come from, the contingency plan.

The moderation pack's planner.xlsx is this workbook, with the plan rows as submitted. A constant number of
queries whatever the number of learners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from bridgework.activities.exports.plan_rows import PlanRow, day, natural_key, plan_activity_ids, plan_rows
from bridgework.activities.models import Activity, CentrePlan, ContingencyKind, EvidenceFile, EvidenceKind, PlanRevision
from bridgework.activities.types import ActivityType
from bridgework.catalogue.models import Qualification
from bridgework.compliance import reasons as R
from bridgework.compliance.engine import MET, NOT_REQUIRED, STATUS_LABELS, Result, evaluate
from bridgework.compliance.facts import Facts, load_facts
from bridgework.compliance.services.dashboard import COUNTED_ENROLMENT_STATUSES
from bridgework.core.exports import ExportTable, xlsx_workbook_bytes
from bridgework.learners.models import Enrolment, LearnerAwardingNumber

PLAN_HEADERS = [
    "Unit",
    "Activity",
    "Activity type",
    "Employer",
    "Who delivers",
    "When planned",
    "Session dates",
    "Date completed",
    "Status",
    "Learners",
    "Comments",
]
TRACKER_HEADERS = [
    "Learner",
    "Enrolment number",
    "ULN",
    "Qualification number",
    "Activity",
    "Activity type",
    "Employer",
    "Unit",
    "Dates attended",
    "Contingency",
    "Evidence",
    "This activity",
    "Met / not yet met",
    "Status",
    "Reason",
]
CHANGES_HEADERS = ["When", "Who", "Change", "Details", "Reason"]
# The per-learner answer the tracker asks for (domain.md §6: met / not yet met).
REQUIREMENT = {MET: "Met", NOT_REQUIRED: "Not required"}
NOT_YET_MET = "Not yet met"
CONTINGENCY_LABELS = dict(ContingencyKind.choices)
EVIDENCE_LABELS = dict(EvidenceKind.choices)


@dataclass(frozen=True)
class _ActivityInfo:
    title: str
    type: str
    employer: str
    units: str
    first: float


def requirement_label(status: str) -> str:
    return REQUIREMENT.get(status, NOT_YET_MET)


def plan_table(rows: list[PlanRow]) -> ExportTable:
    return ExportTable(
        "Plan",
        PLAN_HEADERS,
        (
            [
                r.unit,
                r.what,
                r.type,
                r.employer,
                r.delivered_by,
                r.when,
                r.dates,
                r.completed,
                r.status,
                r.learners,
                r.comments,
            ]
            for r in rows
        ),
    )


def _activity_info(
    centre_id: int, qualification: Qualification, ids: set[int], facts: Facts
) -> dict[int, _ActivityInfo]:
    """Title, type, employer and this qualification's units of each activity (2 queries)."""
    units: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for activity_id, number, title in Activity.units.through.objects.filter(
        activity_id__in=list(ids), unit__qualification=qualification
    ).values_list("activity_id", "unit__number", "unit__title"):
        units[activity_id].append((number, title))
    info = {}
    for a in Activity.objects.filter(centre_id=centre_id, pk__in=list(ids)).values(
        "pk", "title", "type", "employer__legal_name", "employer__trading_name"
    ):
        sessions = facts.sessions_by_activity.get(a["pk"], [])
        info[a["pk"]] = _ActivityInfo(
            title=a["title"],
            type=ActivityType(a["type"]).label,
            employer=a["employer__trading_name"] or a["employer__legal_name"] or "",
            units="; ".join(
                f"Unit {n}: {t}" for n, t in sorted(units.get(a["pk"], []), key=lambda u: natural_key(u[0]))
            ),
            first=sessions[0].starts_at.timestamp() if sessions else float("inf"),
        )
    return info


def _evidence(centre_id: int, ids: set[int]) -> dict[tuple[int, int | None], list[str]]:
    """Evidence files per (activity, learner); learner None for the activity's own (1 query)."""
    found: dict[tuple[int, int | None], list[str]] = defaultdict(list)
    for activity_id, learner_id, kind, name in (
        EvidenceFile.objects.filter(centre_id=centre_id, activity_id__in=list(ids))
        .values_list("activity_id", "learner_id", "kind", "original_name")
        .order_by("kind", "original_name", "id")
    ):
        found[(activity_id, learner_id)].append(f"{EVIDENCE_LABELS.get(kind, kind)}: {name}")
    return found


def _activity_verdict(result: Result, activity_id: int) -> str:
    """What the engine found about this activity for this learner, in its short title."""
    codes = [f.code for f in result.findings if f.activity_id == activity_id]
    if R.CONTINGENCY in codes:
        return R.TITLES[R.CONTINGENCY]
    return R.TITLES.get(codes[0], codes[0]) if codes else ""


def tracker_rows(
    centre_id: int, qualification: Qualification, academic_year: str, activity_ids: set[int], now: datetime
) -> Iterator[list[Any]]:
    """One row per learner and activity of the plan they take part in (or count through); a learner with none
    gets a row of their own. Learners are the qualification's active and completed enrolments in the year."""
    enrolments = Enrolment.objects.filter(
        centre_id=centre_id,
        qualification=qualification,
        academic_year=academic_year,
        status__in=COUNTED_ENROLMENT_STATUSES,
    )
    facts = load_facts(enrolments)
    results = evaluate(facts, now=now)
    learners = list(
        enrolments.order_by("learner__family_name", "learner__given_name", "learner_id").values_list(
            "pk", "learner_id", "learner__given_name", "learner__family_name", "learner__uln"
        )
    )
    numbers = dict(
        LearnerAwardingNumber.objects.filter(
            centre_id=centre_id,
            learner_id__in=enrolments.values("learner_id"),
            awarding_organisation_id=qualification.awarding_organisation_id,
        ).values_list("learner_id", "number")
    )
    counting = {aid for r in results.values() for aid in r.counting_activity_ids}
    shown = activity_ids | counting
    info = _activity_info(centre_id, qualification, shown, facts)
    evidence = _evidence(centre_id, shown)
    for enrolment_id, learner_id, given, family, uln in learners:
        result = results[enrolment_id]
        learner_cells = [f"{given} {family}", numbers.get(learner_id, ""), uln, qualification.reference]
        verdict = [
            requirement_label(result.status),
            STATUS_LABELS[result.status],
            result.main_reason.message if result.main_reason else "",
        ]
        taken = sorted(
            (aid for aid in facts.participations.get(learner_id, set()) if aid in info and aid in shown),
            key=lambda aid: (info[aid].first, info[aid].title, aid),
        )
        if not taken:
            yield [*learner_cells, *[""] * 8, *verdict]
            continue
        for aid in taken:
            a = info[aid]
            sessions = facts.sessions_by_activity.get(aid, [])
            attended = [s for s in sessions if (m := facts.marks.get((learner_id, s.id))) is not None and m.attended]
            contingencies = [
                f"{CONTINGENCY_LABELS.get(c.kind, c.kind)} for {day(s.starts_at)}"
                + ("" if c.completed_on else " (not completed)")
                for s in sessions
                if (c := facts.contingencies.get((learner_id, s.id))) is not None
            ]
            files = evidence.get((aid, None), []) + evidence.get((aid, learner_id), [])
            yield [
                *learner_cells,
                a.title,
                a.type,
                a.employer,
                a.units,
                ", ".join(day(s.starts_at) for s in attended),
                "; ".join(contingencies),
                "; ".join(files) or "None uploaded",
                _activity_verdict(result, aid),
                *verdict,
            ]


def changes_rows(centre_id: int, qualification: Qualification, academic_year: str) -> Iterator[list[Any]]:
    revisions = (
        PlanRevision.objects.filter(
            centre_id=centre_id, plan__qualification=qualification, plan__academic_year=academic_year
        )
        .select_related("changed_by", "planned_activity")
        .order_by("changed_at", "id")
    )
    for rev in revisions:
        subject = f"planned activity “{rev.planned_activity.what[:80]}”" if rev.planned_activity else "the plan"
        yield [
            rev.changed_at,
            rev.changed_by.display_name if rev.changed_by else "System",
            f"{rev.action.capitalize()} {subject}",
            "; ".join(f"{label}: “{old}” → “{new}”" for label, (old, new) in rev.changes.items()),
            rev.reason,
        ]


def details_rows(
    centre: Any, qualification: Qualification, academic_year: str, *, plan_as_of: datetime | None, now: datetime
) -> list[list[Any]]:
    plan = CentrePlan.objects.filter(
        centre_id=centre.pk, qualification=qualification, academic_year=academic_year
    ).first()
    return [
        ["Centre", f"{centre.name} ({centre.number})"],
        ["Qualification", qualification.title],
        ["Qualification number", qualification.reference],
        ["Awarding organisation", qualification.awarding_organisation.name],
        ["Academic year", academic_year],
        ["Where practitioners will come from", plan.practitioner_sources if plan else ""],
        ["Contingency for absent learners", plan.contingency_plan if plan else ""],
        ["Plan", f"As submitted on {timezone.localtime(plan_as_of):%-d %B %Y %H:%M}" if plan_as_of else "Current"],
        ["Tracker generated", now],
    ]


def planner_tracker_tables(
    centre: Any,
    qualification: Qualification,
    academic_year: str,
    *,
    plan: list[PlanRow] | None = None,
    plan_as_of: datetime | None = None,
    now: datetime | None = None,
) -> list[ExportTable]:
    """The workbook's sheets. `plan` replaces the current plan rows (a submission's snapshot, with `plan_as_of`
    its submission time); the tracker is always as of `now`. Read with the centre's data in scope."""
    now = now or timezone.now()
    if plan is None:
        rows = plan_rows(centre.pk, qualification.pk, academic_year)
        ids = {row.activity_id for row in rows if row.activity_id is not None}  # every activity has its row
    else:  # a stored plan: the tracker still follows today's activities
        rows, ids = plan, plan_activity_ids(centre.pk, qualification.pk, academic_year)
    return [
        plan_table(rows),
        ExportTable("Tracker", TRACKER_HEADERS, tracker_rows(centre.pk, qualification, academic_year, ids, now)),
        ExportTable("Changes", CHANGES_HEADERS, changes_rows(centre.pk, qualification, academic_year)),
        ExportTable(
            "Details",
            ["Field", "Value"],
            details_rows(centre, qualification, academic_year, plan_as_of=plan_as_of, now=now),
        ),
    ]


def planner_tracker_xlsx(centre: Any, qualification: Qualification, academic_year: str, **options: Any) -> bytes:
    return xlsx_workbook_bytes(planner_tracker_tables(centre, qualification, academic_year, **options))
