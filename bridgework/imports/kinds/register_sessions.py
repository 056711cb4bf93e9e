"""Finding the session and the learner a register row is about, in a handful of queries for the whole file.

An activity is named by its title within the centre, or by its number (the id in its web address). Titles
repeat across years: when several activities share the title, the one with a session on the row's date is
meant; if that still leaves more than one, the row is ambiguous and must give the number instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, time

from django.utils import timezone

from bridgework.activities.models import Activity, ActivitySession
from bridgework.learners.models import Learner
from bridgework.people.models import Centre

_NUMBER = re.compile(r"^#?\s*(\d+)$")


class Unresolved(Exception):
    """The row cannot be matched; `field` is the column to blame."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _title_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


def _clock(session: ActivitySession) -> str:
    return f"{timezone.localtime(session.starts_at):%H:%M}"


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


class RegisterIndex:
    """The centre's activities and learners; sessions are loaded for the activities the file names."""

    def __init__(self, centre: Centre, activity_texts: set[str]) -> None:
        activities = list(Activity.objects.filter(centre=centre).only("id", "title", "centre"))
        self.by_title: dict[str, list[Activity]] = defaultdict(list)
        for activity in activities:
            self.by_title[_title_key(activity.title)].append(activity)
        self.by_pk = {a.pk: a for a in activities}
        named = {a.pk for text in activity_texts for a in self.activities_named(text)}
        self.sessions: dict[int, dict[date, list[ActivitySession]]] = defaultdict(lambda: defaultdict(list))
        for session in ActivitySession.objects.filter(activity_id__in=named).select_related("activity"):
            self.sessions[session.activity_id][timezone.localtime(session.starts_at).date()].append(session)
        learners = list(
            Learner.objects.filter(centre=centre).only("id", "mis_ref", "uln", "given_name", "family_name", "centre")
        )
        self.by_mis = {learner.mis_ref.casefold(): learner for learner in learners if learner.mis_ref}
        self.by_uln = {learner.uln: learner for learner in learners if learner.uln}

    def activities_named(self, text: str) -> list[Activity]:
        found = self.by_title.get(_title_key(text), [])
        if not found and (match := _NUMBER.match(text.strip())):
            number = self.by_pk.get(int(match.group(1)))
            found = [number] if number else []
        return found

    def session_for(self, text: str, day: date, start: time | None) -> ActivitySession:
        candidates = self.activities_named(text)
        if not candidates:
            raise Unresolved("activity", f"No activity at this centre is called “{text}”.")
        if len(candidates) > 1:
            on_the_day = [a for a in candidates if self.sessions[a.pk].get(day)]
            if len(on_the_day) != 1:
                numbers = _joined([str(pk) for pk in sorted(a.pk for a in (on_the_day or candidates))])
                raise Unresolved(
                    "activity",
                    f"{len(on_the_day or candidates)} activities are called “{text}”"
                    f"{' and have a session that day' if on_the_day else ''}: "
                    f"put the activity's number in this column instead ({numbers}).",
                )
            candidates = on_the_day
        activity = candidates[0]
        sessions = self.sessions[activity.pk].get(day, [])
        if not sessions:
            days = sorted(self.sessions[activity.pk])
            where = f" Its sessions are on {_joined([_day(d) for d in days[:6]])}." if days else " It has no sessions."
            raise Unresolved("session_date", f"“{activity.title}” has no session on {_day(day)}.{where}")
        if start is not None:
            sessions = [s for s in sessions if _clock(s) == f"{start:%H:%M}"]
            if not sessions:
                starts = _joined([_clock(s) for s in self.sessions[activity.pk][day]])
                raise Unresolved(
                    "start_time",
                    f"No session of “{activity.title}” starts at {start:%H:%M} on {_day(day)}. "
                    f"Sessions that day start at {starts}.",
                )
        if len(sessions) > 1:
            raise Unresolved(
                "start_time",
                f"“{activity.title}” has {len(sessions)} sessions on {_day(day)} (starting "
                f"{_joined([_clock(s) for s in sessions])}): give the session's start time to choose one.",
            )
        return sessions[0]

    def learner(self, text: str) -> Learner:
        found = self.by_mis.get(text.casefold()) or self.by_uln.get(text.replace(" ", ""))
        if found is None:
            raise Unresolved("learner", f"No learner at this centre has the MIS reference or ULN “{text}”.")
        return found
