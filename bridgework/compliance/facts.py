"""Load every fact the compliance rules need for a set of enrolments, in a constant number of queries.

The same loader serves one learner (the learner page) and a whole centre or awarding body (dashboards,
rollups): the engine never touches the database, so both paths evaluate identical facts with identical
rule functions. Callers enter the tenancy scope (the loader reads centre-owned tables).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connections
from django.db.models import Exists, OuterRef, QuerySet, Value

from bridgework.activities.models import (
    ATTENDED_MARKS,
    Activity,
    ActivitySession,
    AttendanceMark,
    Contingency,
    CustomAttendanceStatus,
    Participant,
)
from bridgework.catalogue.models import Unit
from bridgework.learners.models import Enrolment


@dataclass(frozen=True)
class EnrolmentFact:
    id: int
    learner_id: int
    centre_id: int
    qualification_id: int
    academic_year: str
    start_date: date
    date_of_birth: date
    ehc_plan: bool
    learner_name: str = ""


@dataclass(frozen=True)
class QualificationFact:
    id: int
    title: str
    ao_code: str
    requires_mei: bool
    sector_id: int
    mandatory_units: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ActivityFact:
    id: int
    title: str
    type: str
    status: str
    delivery: str
    employer_name: str
    unit_ids: frozenset[int] = frozenset()
    sector_ids: frozenset[int] = frozenset()  # the employer's and the practitioners' sectors


@dataclass(frozen=True)
class SessionFact:
    id: int
    activity_id: int
    starts_at: datetime
    ends_at: datetime
    has_register: bool


@dataclass(frozen=True)
class MarkFact:
    mark: str
    attended: bool


@dataclass(frozen=True)
class ContingencyFact:
    kind: str
    completed_on: date | None


@dataclass
class Facts:
    enrolments: dict[int, EnrolmentFact] = field(default_factory=dict)
    qualifications: dict[int, QualificationFact] = field(default_factory=dict)
    activities: dict[int, ActivityFact] = field(default_factory=dict)
    sessions_by_activity: dict[int, list[SessionFact]] = field(default_factory=dict)
    participations: dict[int, set[int]] = field(default_factory=dict)  # learner -> activities
    marks: dict[tuple[int, int], MarkFact] = field(default_factory=dict)  # (learner, session)
    contingencies: dict[tuple[int, int], ContingencyFact] = field(default_factory=dict)  # (learner, missed session)
    unit_numbers: dict[int, str] = field(default_factory=dict)

    def for_learner(self, learner_id: int) -> Facts:
        """The sub-world of one learner (used by tests to compare paths on in-memory facts)."""
        enrolments = {k: e for k, e in self.enrolments.items() if e.learner_id == learner_id}
        return Facts(
            enrolments=enrolments,
            qualifications=self.qualifications,
            activities=self.activities,
            sessions_by_activity=self.sessions_by_activity,
            participations={learner_id: self.participations.get(learner_id, set())},
            marks={k: v for k, v in self.marks.items() if k[0] == learner_id},
            contingencies={k: v for k, v in self.contingencies.items() if k[0] == learner_id},
            unit_numbers=self.unit_numbers,
        )


def _rows(queryset: QuerySet) -> list[tuple]:
    """Plain rows of integers and strings straight from the cursor: the ORM's per-value converters cost more
    than the query itself on the largest tables (marks, participants). Only for columns needing no conversion."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def load_facts(enrolments: QuerySet[Enrolment]) -> Facts:
    """All facts for `enrolments` in 8 queries whatever their number (subqueries, not id lists)."""
    facts = Facts()
    learner_ids = enrolments.values("learner_id")
    for row in enrolments.values(
        "id",
        "learner_id",
        "centre_id",
        "qualification_id",
        "academic_year",
        "start_date",
        "learner__date_of_birth",
        "learner__ehc_plan",
        "learner__given_name",
        "learner__family_name",
        "qualification__title",
        "qualification__awarding_organisation__code",
        "qualification__requires_mei",
        "qualification__sector_id",
    ).order_by():
        facts.enrolments[row["id"]] = EnrolmentFact(
            id=row["id"],
            learner_id=row["learner_id"],
            centre_id=row["centre_id"],
            qualification_id=row["qualification_id"],
            academic_year=row["academic_year"],
            start_date=row["start_date"],
            date_of_birth=row["learner__date_of_birth"],
            ehc_plan=row["learner__ehc_plan"],
            learner_name=f"{row['learner__given_name']} {row['learner__family_name']}",
        )
        if row["qualification_id"] not in facts.qualifications:
            facts.qualifications[row["qualification_id"]] = QualificationFact(
                id=row["qualification_id"],
                title=row["qualification__title"],
                ao_code=row["qualification__awarding_organisation__code"],
                requires_mei=row["qualification__requires_mei"],
                sector_id=row["qualification__sector_id"],
            )
    if not facts.enrolments:
        return facts
    mandatory: dict[int, set[int]] = defaultdict(set)
    for qualification_id, unit_id, number in Unit.objects.filter(
        qualification_id__in=list(facts.qualifications), mandatory=True
    ).values_list("qualification_id", "id", "number"):
        mandatory[qualification_id].add(unit_id)
        facts.unit_numbers[unit_id] = number
    for qid, qualification in list(facts.qualifications.items()):
        facts.qualifications[qid] = QualificationFact(
            **{**qualification.__dict__, "mandatory_units": frozenset(mandatory.get(qid, ()))}
        )

    participants = Participant.objects.filter(learner_id__in=learner_ids)
    for learner_id, activity_id in _rows(participants.values_list("learner_id", "activity_id").order_by()):
        facts.participations.setdefault(learner_id, set()).add(activity_id)
    # The activities as a list, not a subquery: the database would re-run the participant subquery per use.
    activity_ids = sorted({aid for ids in facts.participations.values() for aid in ids})
    activities = Activity.objects.filter(pk__in=activity_ids)

    # Unit coverage and sector relevance (the employer's and the practitioners' sectors) in one query.
    units: dict[int, set[int]] = defaultdict(set)
    sectors: dict[int, set[int]] = defaultdict(set)
    links = (
        Activity.units.through.objects.filter(activity_id__in=activity_ids)
        .annotate(kind=Value("u"))
        .values_list("activity_id", "unit_id", "kind")
        .order_by()
        .union(
            activities.filter(employer__sectors__isnull=False)
            .annotate(kind=Value("s"))
            .values_list("id", "employer__sectors", "kind")
            .order_by(),
            activities.filter(practitioners__sectors__isnull=False)
            .annotate(kind=Value("s"))
            .values_list("id", "practitioners__sectors", "kind")
            .order_by(),
            all=True,
        )
    )
    for activity_id, linked_id, kind in links:
        (units if kind == "u" else sectors)[activity_id].add(linked_id)
    for row in activities.values(
        "id", "title", "type", "status", "delivery", "employer__legal_name", "employer__trading_name"
    ).order_by():
        facts.activities[row["id"]] = ActivityFact(
            id=row["id"],
            title=row["title"],
            type=row["type"],
            status=row["status"],
            delivery=row["delivery"],
            employer_name=row["employer__trading_name"] or row["employer__legal_name"] or "",
            unit_ids=frozenset(units.get(row["id"], ())),
            sector_ids=frozenset(sectors.get(row["id"], ())),
        )

    sessions = ActivitySession.objects.filter(activity_id__in=activity_ids).annotate(
        has_register=Exists(AttendanceMark.objects.filter(session_id=OuterRef("pk")))
    )
    for sid, activity_id, starts_at, ends_at, has_register in sessions.values_list(
        "id", "activity_id", "starts_at", "ends_at", "has_register"
    ).order_by("starts_at", "id"):
        facts.sessions_by_activity.setdefault(activity_id, []).append(
            SessionFact(sid, activity_id, starts_at, ends_at, has_register)
        )

    # A centre's custom register statuses may count as attended ("Attended remotely").
    counting_custom = CustomAttendanceStatus.objects.filter(
        centre_id=OuterRef("centre_id"), code=OuterRef("mark"), counts_as_attended=True
    )
    interned: dict[tuple[str, bool], MarkFact] = {}
    for learner_id, session_id, mark, custom_counts in _rows(
        AttendanceMark.objects.filter(learner_id__in=learner_ids)
        .annotate(custom_counts=Exists(counting_custom))
        .values_list("learner_id", "session_id", "mark", "custom_counts")
        .order_by()
    ):
        key = (mark, mark in ATTENDED_MARKS or custom_counts)
        fact = interned.get(key)
        if fact is None:  # a handful of distinct marks: share them rather than build one per row
            fact = interned[key] = MarkFact(*key)
        facts.marks[(learner_id, session_id)] = fact
    for learner_id, session_id, kind, completed_on in (
        Contingency.objects.filter(learner_id__in=learner_ids).values_list(
            "learner_id", "missed_session_id", "kind", "completed_on"
        )
    ).order_by():
        facts.contingencies[(learner_id, session_id)] = ContingencyFact(kind, completed_on)
    return facts
