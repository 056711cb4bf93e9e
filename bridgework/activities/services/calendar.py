"""The calendar: sessions on a month grid or a term list, the MEI submission deadline, and iCalendar feeds
(RFC 5545, written by hand) behind secret, revocable URLs."""

from __future__ import annotations

import calendar as pycal
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from bridgework.activities.models import ActivitySession, CalendarFeed, FeedKind


@dataclass
class Deadline:
    day: date
    label: str


def submission_deadlines(academic_year: str, ao_codes: list[str] | None = None) -> list[Deadline]:
    """The MEI submission deadline per awarding organisation in an academic year ("2025/26" → June 2026)."""
    year = int(academic_year[:4]) + 1
    found = []
    for code, month_day in sorted(settings.MEI_SUBMISSION_DEADLINES.items()):
        if ao_codes is not None and code not in ao_codes:
            continue
        month, day = (int(x) for x in month_day.split("-"))
        found.append(Deadline(date(year, month, day), f"{code} employer involvement submission deadline"))
    return found


def sessions_between(start: date, end: date) -> QuerySet[ActivitySession]:
    tz = timezone.get_current_timezone()
    return (
        ActivitySession.objects.filter(
            starts_at__gte=datetime.combine(start, datetime.min.time(), tz),
            starts_at__lt=datetime.combine(end, datetime.min.time(), tz),
        )
        .exclude(activity__status="cancelled")
        .select_related("activity", "activity__employer")
        .order_by("starts_at")
    )


@dataclass
class Day:
    day: date
    in_month: bool
    sessions: list[ActivitySession] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)


def month_grid(year: int, month: int, deadlines: list[Deadline]) -> list[list[Day]]:
    weeks = pycal.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1] + timedelta(days=1)
    by_day: dict[date, list[ActivitySession]] = {}
    for session in sessions_between(first, last):
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    return [
        [Day(d, d.month == month, by_day.get(d, []), [x for x in deadlines if x.day == d]) for d in week]
        for week in weeks
    ]


TERMS = (("Autumn term", (8, 9, 10, 11, 12)), ("Spring term", (1, 2, 3)), ("Summer term", (4, 5, 6, 7)))


def term_bounds(academic_year: str, term: str) -> tuple[date, date]:
    first = int(academic_year[:4])
    if term == "Autumn term":
        return date(first, 8, 1), date(first + 1, 1, 1)
    if term == "Spring term":
        return date(first + 1, 1, 1), date(first + 1, 4, 1)
    return date(first + 1, 4, 1), date(first + 1, 8, 1)


# --- iCalendar feeds ------------------------------------------------------------------------------------


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_feed(*, centre_id: int, kind: str, user, employer=None) -> tuple[CalendarFeed, str]:  # type: ignore[no-untyped-def]
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        centre_id=centre_id,
        kind=kind,
        user=user,
        employer=employer if kind == FeedKind.EMPLOYER else None,
        secret_hash=_hash(secret),
    )
    return feed, secret


def find_feed(feed_id: int, secret: str) -> CalendarFeed | None:
    """Look up a feed by id (unscoped: the secret is the credential), compare the secret in constant time."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        feed = CalendarFeed.objects.filter(pk=feed_id, revoked_at=None).select_related("user").first()
    if feed is None or not secrets.compare_digest(feed.secret_hash, _hash(secret)):
        return None
    return feed


def feed_sessions(feed: CalendarFeed) -> QuerySet[ActivitySession]:
    """Call inside the feed's centre scope."""
    since = timezone.now() - timedelta(days=400)
    sessions = (
        ActivitySession.objects.filter(starts_at__gte=since)
        .exclude(activity__status="cancelled")
        .select_related("activity", "activity__employer")
    )
    if feed.kind == FeedKind.STAFF:
        sessions = sessions.filter(
            Q(activity__created_by=feed.user) | Q(activity__teaching_groups__tutor=feed.user)
        ).distinct()
    elif feed.kind == FeedKind.EMPLOYER:
        sessions = sessions.filter(activity__employer_id=feed.employer_id)
    return sessions.order_by("starts_at")


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF + space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, chunk = [], b""
    for char in line:
        encoded = char.encode()
        if len(chunk) + len(encoded) > (75 if not parts else 74):
            parts.append(chunk.decode())
            chunk = b""
        chunk += encoded
    parts.append(chunk.decode())
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ical(name: str, sessions: list[ActivitySession], deadlines: list[Deadline]) -> str:
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "bridgework"
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Bridgework//Planner//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for s in sessions:
        description = f"{s.activity.get_type_display()}"
        if s.activity.employer_id:
            description += f" with {s.activity.employer.display_name}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{s.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(s.starts_at)}",
            f"DTEND:{_utc(s.ends_at)}",
            f"SUMMARY:{_escape(s.activity.title)}",
            f"DESCRIPTION:{_escape(description)}",
        ]
        if s.place:
            lines.append(f"LOCATION:{_escape(s.place)}")
        lines.append("END:VEVENT")
    for d in deadlines:
        lines += [
            "BEGIN:VEVENT",
            f"UID:deadline-{d.day:%Y%m%d}-{hashlib.sha256(d.label.encode()).hexdigest()[:8]}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{d.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{d.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(d.label)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
