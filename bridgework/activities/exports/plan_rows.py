"""The rows of a centre's plan for one qualification and year: what the OCR MEI Centre Plan, the C&G Employer
Involvement Planner and Tracker and the moderation submission all show, built in one place.

A row is a planned activity of the centre plan, with the activity that delivers it once arranged; then every
activity for the qualification and year that no planned row points at (arranged without being planned), so the
plan is complete whichever way the centre works. Withdrawn planned rows are left out: the plan's history
(PlanRevision) keeps them. A constant number of queries whatever the number of rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone

from bridgework.activities.models import Activity, ActivitySession, ActivityStatus, Participant, PlannedActivity
from bridgework.activities.types import ActivityType
from bridgework.catalogue.models import Unit

NOT_ARRANGED = "Planned (not arranged yet)"
NOT_SCHEDULED = "Not scheduled"
# Past this many session days a row shows the first and last day instead of every one (a placement of 40 days).
MAX_LISTED_DAYS = 6
DELIVERED = (ActivityStatus.DELIVERED, ActivityStatus.EVIDENCED)


@dataclass
class PlanRow:
    """One row, as display text (it is stored as JSON in a submission's planner snapshot)."""

    unit: str
    what: str
    type: str
    when: str
    dates: str
    completed: str
    employer: str
    delivered_by: str
    learners: int
    status: str
    comments: str
    activity_id: int | None = None
    planned_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanRow:
        """A row from a stored snapshot; snapshots taken before a field existed leave it blank."""
        values = {f.name: data.get(f.name, "") for f in fields(cls)}
        values["learners"] = int(data.get("learners") or 0)
        values["activity_id"] = data.get("activity_id")
        values["planned_id"] = data.get("planned_id")
        return cls(**values)


def day(value: datetime) -> str:
    return f"{timezone.localtime(value):%-d %b %Y}"


def session_days(sessions: Iterable[ActivitySession | Any]) -> str:
    """The days of the sessions: each listed, or the first and last when there are many."""
    days: list[str] = []
    for s in sessions:
        label = day(s.starts_at)
        if label not in days:
            days.append(label)
    if len(days) > MAX_LISTED_DAYS:
        return f"{days[0]} to {days[-1]} ({len(days)} days)"
    return ", ".join(days)


def natural_key(text: str) -> tuple[Any, ...]:
    """Unit numbers in reading order: 2 before 10, A2 before A10."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", text) if part
    )


def plan_activity_ids(centre_id: int, qualification_id: int, academic_year: str) -> set[int]:
    """The activities a plan covers: those for the qualification in the year, and any a planned row points at."""
    ids = set(
        Activity.objects.filter(
            centre_id=centre_id, qualifications=qualification_id, academic_year=academic_year
        ).values_list("pk", flat=True)
    )
    ids |= set(
        PlannedActivity.objects.filter(
            centre_id=centre_id,
            plan__qualification_id=qualification_id,
            plan__academic_year=academic_year,
            withdrawn_at=None,
            activity__isnull=False,
        ).values_list("activity_id", flat=True)
    )
    return ids


def _activities(centre_id: int, qualification_id: int, ids: set[int]) -> dict[int, Activity]:
    units = Unit.objects.filter(qualification_id=qualification_id).order_by("id")
    activities = (
        Activity.objects.filter(centre_id=centre_id, pk__in=ids)
        .select_related("employer")
        .prefetch_related(
            Prefetch("units", queryset=units),
            Prefetch("sessions", queryset=ActivitySession.objects.order_by("starts_at", "id")),
            "practitioners",
        )
    )
    return {a.pk: a for a in activities}


def _who(activity: Activity) -> str:
    return "; ".join(
        f"{p.full_name} ({p.job_title})" if p.job_title else p.full_name
        for p in sorted(activity.practitioners.all(), key=lambda p: (p.family_name, p.given_name, p.pk))
    )


def _activity_cells(activity: Activity | None, learners: dict[int, int]) -> dict[str, Any]:
    if activity is None:
        return {
            "type": "",
            "dates": "",
            "employer": "",
            "delivered_by": "",
            "learners": 0,
            "status": NOT_ARRANGED,
            "activity_id": None,
        }
    sessions = list(activity.sessions.all())
    return {
        "type": ActivityType(activity.type).label,
        "dates": session_days(sessions),
        "employer": activity.employer.display_name if activity.employer else "",
        "delivered_by": _who(activity),
        "learners": learners.get(activity.pk, 0),
        "status": activity.get_status_display(),
        "activity_id": activity.pk,
    }


def _completed(activity: Activity | None) -> str:
    """When the activity was delivered: its last session, once it is delivered or evidenced."""
    if activity is None or activity.status not in DELIVERED:
        return ""
    sessions = list(activity.sessions.all())
    return day(sessions[-1].ends_at) if sessions else ""


def plan_rows(centre_id: int, qualification_id: int, academic_year: str) -> list[PlanRow]:
    """Every row of the plan, ordered unit by unit (rows for no particular unit last)."""
    planned = list(
        PlannedActivity.objects.filter(
            centre_id=centre_id,
            plan__qualification_id=qualification_id,
            plan__academic_year=academic_year,
            withdrawn_at=None,
        )
        .select_related("unit")
        .order_by("created_at", "id")
    )
    activities = _activities(centre_id, qualification_id, plan_activity_ids(centre_id, qualification_id, academic_year))
    learners = dict(
        Participant.objects.filter(centre_id=centre_id, activity_id__in=list(activities))
        .values("activity_id")
        .annotate(n=Count("id"))
        .values_list("activity_id", "n")
        .order_by()
    )
    keyed: list[tuple[tuple[Any, ...], PlanRow]] = []
    for row in planned:
        activity = activities.get(row.activity_id) if row.activity_id else None
        keyed.append(
            (
                (
                    row.unit is None,
                    natural_key(row.unit.number) if row.unit else (),
                    0,
                    row.created_at.timestamp(),
                    row.pk,
                ),
                PlanRow(
                    unit=str(row.unit) if row.unit else "",
                    what=row.what,
                    when=row.when,
                    completed=f"{row.date_completed:%-d %b %Y}" if row.date_completed else _completed(activity),
                    comments=row.comments,
                    planned_id=row.pk,
                    **_activity_cells(activity, learners),
                ),
            )
        )
    linked = {row.activity_id for row in planned if row.activity_id}
    for activity in activities.values():
        if activity.pk in linked:
            continue
        units = sorted(activity.units.all(), key=lambda u: natural_key(u.number))
        sessions = list(activity.sessions.all())
        keyed.append(
            (
                (
                    not units,
                    natural_key(units[0].number) if units else (),
                    1,
                    sessions[0].starts_at.timestamp() if sessions else float("inf"),
                    activity.pk,
                ),
                PlanRow(
                    unit="; ".join(str(u) for u in units),
                    what=activity.title,
                    when="" if sessions else NOT_SCHEDULED,  # never planned: its session days are in `dates`
                    completed=_completed(activity),
                    comments=activity.description[:300],
                    **_activity_cells(activity, learners),
                ),
            )
        )
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]
