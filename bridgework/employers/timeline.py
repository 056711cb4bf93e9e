"""One timeline per employer: every department's contacts, activities, agreements and checks, newest
first. A fixed number of queries however long the history (one per kind)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from bridgework.employers.models import Employer

LIMIT_PER_KIND = 100


@dataclass(frozen=True)
class TimelineItem:
    when: datetime
    kind: str  # "Contact", "Activity", "Agreement", "Check"
    title: str
    by: str = ""
    department: str = ""
    lines: list[str] = field(default_factory=list)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def employer_timeline(employer: Employer) -> list[TimelineItem]:
    items: list[TimelineItem] = []
    for i in (
        employer.interactions.select_related("staff", "department")
        .prefetch_related("people")
        .order_by("-occurred_on", "-id")[:LIMIT_PER_KIND]
    ):
        lines = [
            f"{i.get_channel_display()}"
            + (f" with {', '.join(p.full_name for p in i.people.all())}" if i.people.all() else "")
        ]
        if i.outcome:
            lines.append(f"Outcome: {i.outcome}")
        if i.next_step:
            due = f" (due {i.next_step_due:%-d %B %Y})" if i.next_step_due else ""
            lines.append(f"Next step: {i.next_step}{due}")
        items.append(
            TimelineItem(
                _at(i.occurred_on),
                "Contact",
                i.subject,
                i.staff.display_name,
                i.department.name if i.department else "",
                lines,
            )
        )
    for a in employer.activities.select_related("created_by").order_by("-created_at")[:LIMIT_PER_KIND]:
        items.append(
            TimelineItem(
                a.created_at,
                "Activity",
                a.title,
                a.created_by.display_name if a.created_by else "",
                "",
                [f"{a.get_type_display()} · {a.get_status_display()}"],
            )
        )
    for ag in employer.agreements.select_related("learner", "created_by").order_by("-created_at")[:LIMIT_PER_KIND]:
        state = (
            "signed by all three parties"
            if ag.completed_at
            else ("superseded" if ag.superseded_at else "awaiting signatures")
        )
        items.append(
            TimelineItem(
                ag.created_at,
                "Agreement",
                f"{ag.title} (version {ag.version})",
                ag.created_by.display_name if ag.created_by else "",
                "",
                [f"With {ag.learner.given_name} {ag.learner.family_name}: {state}"],
            )
        )
    for c in employer.checks.select_related("recorded_by").order_by("-recorded_at")[:LIMIT_PER_KIND]:
        expiry = f", expires {c.expires_on:%-d %B %Y}" if c.expires_on else ""
        items.append(
            TimelineItem(
                c.recorded_at,
                "Check",
                f"{c.get_kind_display()} recorded",
                c.recorded_by.display_name if c.recorded_by else "",
                "",
                [f"Checked {c.checked_on:%-d %B %Y}{expiry}"],
            )
        )
    return sorted(items, key=lambda x: x.when, reverse=True)
