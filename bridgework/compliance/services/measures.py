"""The same records counted several ways for one learner: T Level placement and Gatsby benchmarks 5 and 6."""

from __future__ import annotations

from dataclasses import dataclass, field

from bridgework.catalogue.models import DfeCategory
from bridgework.compliance.attendance import attended_sessions
from bridgework.compliance.gatsby import BenchmarkResult, benchmark_5, benchmark_6
from bridgework.compliance.placements import PlacementResult, is_early_years, placement


@dataclass
class LearnerMeasures:
    placements: list[tuple[str, PlacementResult]] = field(default_factory=list)
    benchmarks: list[BenchmarkResult] = field(default_factory=list)


def learner_measures(learner_id: int, enrolments) -> LearnerMeasures:  # type: ignore[no-untyped-def]
    """`enrolments`: the learner's enrolments with their qualification loaded. One query."""
    attended = attended_sessions([learner_id])
    measures = LearnerMeasures()
    for e in enrolments:
        if e.qualification.dfe_category == DfeCategory.T_LEVEL:
            measures.placements.append(
                (e.qualification.title, placement(attended, early_years=is_early_years(e.qualification.title)))
            )
    for year in sorted({e.academic_year for e in enrolments}, reverse=True):
        measures.benchmarks.append(benchmark_5(attended, year))
    if enrolments:
        measures.benchmarks.append(benchmark_6(attended))
    return measures
