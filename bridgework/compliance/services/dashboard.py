"""Read-side services for the compliance dashboards: a cohort, evaluated in one set-based pass.

Every function issues a constant number of queries whatever the cohort size (tests assert it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from bridgework.compliance.engine import AT_RISK, NOT_MET, NOT_REQUIRED, STATUSES, Result, evaluate
from bridgework.compliance.facts import Facts, load_facts
from bridgework.learners.identifiers import is_academic_year
from bridgework.learners.models import Enrolment, EnrolmentStatus, TeachingGroup

COUNTED_ENROLMENT_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)


@dataclass(frozen=True)
class Filters:
    qualification: int | None = None
    group: int | None = None
    tutor: int | None = None
    year: str = ""

    @classmethod
    def from_query(cls, data) -> Filters:  # type: ignore[no-untyped-def]
        def number(key: str) -> int | None:
            value = data.get(key, "")
            # isdecimal, not isdigit: "²" is a digit that int() refuses. Out of range is "no filter" too.
            return int(value) if value.isascii() and value.isdecimal() and len(value) <= 9 else None

        year = data.get("year", "").strip()
        return cls(number("qualification"), number("group"), number("tutor"), year if is_academic_year(year) else "")

    @property
    def any(self) -> bool:
        return bool(self.qualification or self.group or self.tutor or self.year)


def cohort(filters: Filters, base: QuerySet[Enrolment] | None = None) -> QuerySet[Enrolment]:
    enrolments = (base if base is not None else Enrolment.objects.all()).filter(status__in=COUNTED_ENROLMENT_STATUSES)
    if filters.qualification:
        enrolments = enrolments.filter(qualification_id=filters.qualification)
    if filters.year:
        enrolments = enrolments.filter(academic_year=filters.year)
    if filters.group:
        enrolments = enrolments.filter(
            pk__in=TeachingGroup.enrolments.through.objects.filter(teachinggroup_id=filters.group).values(
                "enrolment_id"
            )
        )
    if filters.tutor:
        enrolments = enrolments.filter(
            pk__in=TeachingGroup.enrolments.through.objects.filter(teachinggroup__tutor_id=filters.tutor).values(
                "enrolment_id"
            )
        )
    return enrolments


@dataclass
class Overview:
    facts: Facts
    results: dict[int, Result]
    totals: Counter[str]
    by_qualification: list[tuple[str, Counter[str]]]
    by_cohort: list[tuple[str, Counter[str]]]
    groups_of: dict[int, list[str]]

    @property
    def required(self) -> int:
        return sum(n for status, n in self.totals.items() if status != NOT_REQUIRED)

    def percent(self, status: str) -> float:
        return round(100 * self.totals[status] / self.required, 1) if self.required else 0.0

    def at_risk(self) -> list[tuple[object, Result]]:
        rows = [(self.facts.enrolments[eid], r) for eid, r in self.results.items() if r.status in (AT_RISK, NOT_MET)]
        return sorted(rows, key=lambda row: (row[1].status != NOT_MET, row[0].learner_name, row[0].id))


def overview(enrolments: QuerySet[Enrolment], now: datetime | None = None, *, with_groups: bool = True) -> Overview:
    facts = load_facts(enrolments)
    results = evaluate(facts, now=now)
    by_q: dict[int, Counter[str]] = defaultdict(Counter)
    by_year: dict[str, Counter[str]] = defaultdict(Counter)
    for eid, result in results.items():
        e = facts.enrolments[eid]
        by_q[e.qualification_id][result.status] += 1
        by_year[e.academic_year][result.status] += 1
    totals: Counter[str] = Counter(dict.fromkeys(STATUSES, 0))
    for counts in by_q.values():
        totals.update(counts)
    groups_of: dict[int, list[str]] = defaultdict(list)
    if with_groups:
        for enrolment_id, name in TeachingGroup.enrolments.through.objects.filter(
            enrolment_id__in=enrolments.values("pk")
        ).values_list("enrolment_id", "teachinggroup__name"):
            groups_of[enrolment_id].append(name)
    return Overview(
        facts=facts,
        results=results,
        totals=totals,
        by_qualification=sorted(
            ((facts.qualifications[qid].title, counts) for qid, counts in by_q.items()), key=lambda r: r[0]
        ),
        by_cohort=sorted(by_year.items(), reverse=True),
        groups_of=groups_of,
    )


def filter_options(enrolments: QuerySet[Enrolment]) -> dict[str, list]:
    """Choices for the filter form: 2 queries."""
    pairs = set(enrolments.values_list("qualification_id", "qualification__title", "academic_year").distinct())
    qualifications = sorted({(qid, title) for qid, title, _ in pairs}, key=lambda q: (q[1], q[0]))
    years = sorted({year for _, _, year in pairs}, reverse=True)
    groups = list(TeachingGroup.objects.select_related("tutor").order_by("-academic_year", "name"))
    tutors = sorted({(g.tutor.pk, g.tutor.display_name) for g in groups if g.tutor}, key=lambda t: t[1])
    return {"qualifications": qualifications, "groups": groups, "tutors": tutors, "years": years}
