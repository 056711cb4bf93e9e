"""T Level industry placement (domain.md §10): at least 315 hours (750 for the early years educator
specialism), lunch breaks excluded, with at most 2 employers. Computed from the same registers as MEI.

Breaks: a session's own `break_minutes` when the planner records it, else a default lunch break for long
days (TLEVEL_DEFAULT_BREAK_MINUTES for sessions over TLEVEL_BREAK_AFTER_HOURS) — an [I] setting.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from bridgework.activities.types import ActivityType
from bridgework.compliance.attendance import Attended

PLACEMENT_TYPES = frozenset({ActivityType.WORK_PLACEMENT, ActivityType.WORK_EXPERIENCE})


@dataclass(frozen=True)
class PlacementResult:
    hours: float
    required_hours: int
    employers: int
    max_employers: int

    @property
    def met(self) -> bool:
        return self.hours >= self.required_hours and 0 < self.employers <= self.max_employers

    @property
    def message(self) -> str:
        if self.employers > self.max_employers:
            return (
                f"{self.hours:g} hours with {self.employers} employers: "
                f"a placement may use at most {self.max_employers}."
            )
        if self.met:
            return f"Met: {self.hours:g} of {self.required_hours} hours with {self.employers} employer(s)."
        return f"{self.hours:g} of {self.required_hours} hours so far (breaks excluded)."


def session_hours(starts_at, ends_at, break_minutes: int | None = None) -> float:  # type: ignore[no-untyped-def]
    minutes = (ends_at - starts_at).total_seconds() / 60
    if break_minutes is None:
        long_day = minutes > getattr(settings, "TLEVEL_BREAK_AFTER_HOURS", 6) * 60
        break_minutes = getattr(settings, "TLEVEL_DEFAULT_BREAK_MINUTES", 30) if long_day else 0
    return max(0.0, (minutes - break_minutes) / 60)


def is_early_years(qualification_title: str) -> bool:
    return "early years" in qualification_title.lower()


def placement(attended: list[Attended], *, early_years: bool) -> PlacementResult:
    hours = 0.0
    employers: dict[int, float] = defaultdict(float)
    for row in attended:
        if row.activity_type in PLACEMENT_TYPES:
            h = session_hours(row.starts_at, row.ends_at)
            hours += h
            if row.employer_id is not None:
                employers[row.employer_id] += h
    required = settings.TLEVEL_PLACEMENT_EARLY_YEARS_MIN_HOURS if early_years else settings.TLEVEL_PLACEMENT_MIN_HOURS
    return PlacementResult(round(hours, 1), required, len(employers), settings.TLEVEL_PLACEMENT_MAX_EMPLOYERS)
