"""Gatsby benchmarks 5 and 6 for colleges (domain.md §10), from the same registers as MEI.

Benchmark 5: at least GATSBY_B5_MIN_ENCOUNTERS live encounters with employers in the academic year, at least
one through the curriculum (an activity of the seven curriculum types). Benchmark 6: at least
GATSBY_B6_MIN_EXPERIENCES experience of a workplace by the end of the programme.
Careers talks and fairs count as encounters here although they never count for MEI: one activity, counted
several ways.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from bridgework.activities.models import Delivery
from bridgework.activities.types import ELIGIBLE_TYPES, ActivityType
from bridgework.compliance.attendance import Attended

ENCOUNTER_TYPES = ELIGIBLE_TYPES | {
    ActivityType.EMPLOYER_VISIT,
    ActivityType.CAREERS_TALK,
    ActivityType.CAREERS_FAIR,
}
WORKPLACE_TYPES = frozenset({ActivityType.WORK_EXPERIENCE, ActivityType.WORK_PLACEMENT, ActivityType.EMPLOYER_VISIT})


@dataclass(frozen=True)
class BenchmarkResult:
    benchmark: int
    met: bool
    count: int
    required: int
    message: str


def benchmark_5(attended: list[Attended], academic_year: str) -> BenchmarkResult:
    live = {
        r.activity_id: r
        for r in attended
        if r.academic_year == academic_year
        and r.delivery == Delivery.LIVE
        and r.activity_type in ENCOUNTER_TYPES
        and r.employer_id is not None
    }
    curriculum = [r for r in live.values() if r.activity_type in ELIGIBLE_TYPES]
    required = settings.GATSBY_B5_MIN_ENCOUNTERS
    met = len(live) >= required and bool(curriculum)
    message = f"{len(live)} of {required} encounters with employers in {academic_year}"
    if live and not curriculum:
        message += ", none through the curriculum yet"
    return BenchmarkResult(5, met, len(live), required, message + ".")


def benchmark_6(attended: list[Attended]) -> BenchmarkResult:
    experiences = {
        r.activity_id for r in attended if r.activity_type in WORKPLACE_TYPES and r.delivery == Delivery.LIVE
    }
    required = settings.GATSBY_B6_MIN_EXPERIENCES
    return BenchmarkResult(
        6,
        len(experiences) >= required,
        len(experiences),
        required,
        f"{len(experiences)} experience(s) of a workplace so far ({required} needed by the end of the programme).",
    )
