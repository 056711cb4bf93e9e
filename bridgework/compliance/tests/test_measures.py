"""T Level placement hours and employers, Gatsby benchmarks 5 and 6: the same registers counted other ways."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from bridgework.compliance.attendance import Attended
from bridgework.compliance.gatsby import benchmark_5, benchmark_6
from bridgework.compliance.placements import placement, session_hours

START = timezone.make_aware(datetime(2026, 1, 5, 9, 0))


def _day(employer: int, hours: float, *, type: str = "work_placement", n: int = 1, activity: int = 1) -> list[Attended]:
    return [
        Attended(
            1,
            activity,
            type,
            employer,
            START + timedelta(days=i),
            START + timedelta(days=i, hours=hours),
            "2025/26",
            "live",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("hours", "days", "expected"),
    [(6, 1, 6.0), (7.5, 1, 7.0), (6.5, 1, 6.0)],
)
def test_breaks_are_excluded_from_long_days(hours: float, days: int, expected: float) -> None:
    row = _day(1, hours)[0]
    assert session_hours(row.starts_at, row.ends_at) == expected


@pytest.mark.parametrize(
    ("rows", "early_years", "met"),
    [
        (_day(1, 7.5, n=45), False, True),  # 45 × 7 = 315: exactly the minimum
        (_day(1, 7.5, n=44), False, False),  # 308
        (_day(1, 7.5, n=45), True, False),  # early years needs 750
        (_day(1, 7.5, n=60) + _day(2, 7.5, n=50, activity=2), True, True),  # 770 hours, 2 employers
        (
            _day(1, 7.5, n=20) + _day(2, 7.5, n=20, activity=2) + _day(3, 7.5, n=10, activity=3),
            False,
            False,
        ),  # 3 employers
        (_day(1, 7.5, n=50, type="careers_talk"), False, False),  # not a placement
    ],
)
def test_t_level_placement(rows, early_years: bool, met: bool) -> None:  # type: ignore[no-untyped-def]
    assert placement(rows, early_years=early_years).met is met


def test_gatsby_5_needs_two_encounters_one_in_the_curriculum() -> None:
    talk = _day(1, 1, type="careers_talk", activity=1)
    fair = _day(2, 1, type="careers_fair", activity=2)
    lecture = _day(3, 1, type="guest_lecture", activity=3)
    assert not benchmark_5(talk + fair, "2025/26").met  # two encounters, none through the curriculum
    assert benchmark_5(talk + lecture, "2025/26").met
    assert not benchmark_5(lecture, "2025/26").met
    assert not benchmark_5(talk + lecture, "2026/27").met  # counted per academic year


def test_gatsby_6_counts_workplace_experiences() -> None:
    assert not benchmark_6(_day(1, 1, type="guest_lecture")).met
    assert benchmark_6(_day(1, 7, type="employer_visit")).met
    assert benchmark_6(_day(1, 7, type="work_experience")).met
