"""Registers from a spreadsheet: one row per learner per session — activity, session date (and start time
when the activity has several sessions that day), learner (MIS reference or ULN) and mark.

Every row is checked against the same rules as the register page before anything is written; marks are then
written by the activities' register service (its rules and audit apply, and the activity's paperwork status
never blocks a register). A mark already held is left alone, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from bridgework.activities.models import ActivitySession, AttendanceMark, Participant
from bridgework.activities.services import registers
from bridgework.imports.columns import (
    MIS_REF_ALIASES,
    ULN_ALIASES,
    CleanRow,
    ImportColumn,
    ProgressCallback,
    RowError,
)
from bridgework.imports.kinds import Importer, Plan, register
from bridgework.imports.kinds.register_marks import mark_cleaner
from bridgework.imports.kinds.register_sessions import RegisterIndex, Unresolved
from bridgework.imports.models import ImportKind
from bridgework.imports.values import parse_date, parse_time, text_cleaner
from bridgework.learners.models import Learner
from bridgework.people.models import Centre, User


@dataclass
class MarkLine:
    row: int
    session: ActivitySession
    learner: Learner
    mark: str


def _session_date(value: Any, previous: dict[str, Any]) -> Any:
    day = parse_date(value)
    if day is None:
        raise ValidationError("Enter the date of the session.")
    return day


class RegisterImporter(Importer):
    kind = ImportKind.REGISTERS
    record_name = "mark"
    mapping_hint = (
        "Each row is one learner's mark at one session: the activity (its title or number), the session's date "
        "(and its start time when the activity has several sessions that day), the learner (MIS reference or "
        "ULN) and the mark."
    )
    result_link = ("staff:activity_list", "See the activities")

    def columns(self, centre: Centre) -> list[ImportColumn]:
        return [
            ImportColumn(
                "activity",
                "Activity",
                required=True,
                aliases=("activity title", "activity name", "activity number", "activity id", "title", "event"),
                help_text="The activity's title, or its number (in its web address: …/activities/123/).",
                cleaner=text_cleaner(required="Enter the activity's title or number."),
            ),
            ImportColumn(
                "session_date",
                "Session date",
                required=True,
                aliases=("date", "session", "session day", "day"),
                help_text="Day/month/year (31/01/2026) or 2026-01-31.",
                cleaner=_session_date,
            ),
            ImportColumn(
                "start_time",
                "Start time",
                aliases=("time", "start", "starts", "starts at", "session start", "session time"),
                help_text="Like 14:00. Only needed when an activity has more than one session that day.",
                cleaner=lambda value, previous: parse_time(value),
            ),
            ImportColumn(
                "learner",
                "Learner",
                required=True,
                aliases=("MIS reference", *MIS_REF_ALIASES, "ULN", *ULN_ALIASES),
                help_text="The learner's MIS reference or ULN.",
                cleaner=text_cleaner(required="Enter the learner's MIS reference or ULN."),
            ),
            ImportColumn(
                "mark",
                "Mark",
                required=True,
                aliases=("attendance", "attendance mark", "register mark", "status", "attended"),
                help_text="Present, late, left early, absent or excused (P, L, LE, A, E).",
                cleaner=mark_cleaner(centre),
            ),
        ]

    def plan(self, centre: Centre, rows: list[CleanRow], progress: ProgressCallback | None = None) -> Plan:
        plan = Plan(payload=[])
        index = RegisterIndex(centre, {row.values["activity"] for row in rows})
        found: list[MarkLine] = []
        total = max(len(rows), 1)
        for number, row in enumerate(rows):
            if progress and number % 500 == 0:
                progress(int(50 * number / total))
            line = self._resolve(index, row, plan.errors)
            if line is not None:
                found.append(line)
        self._check(centre, found, {row.row: row for row in rows}, plan)
        if progress:
            progress(100)
        sessions = {line.session for line in found}
        plan.summary = {"sessions": len(sessions), "activities": len({s.activity_id for s in sessions})}
        return plan

    def _resolve(self, index: RegisterIndex, row: CleanRow, errors: list[RowError]) -> MarkLine | None:
        values, label = row.values, row.labels.get
        session = learner = None
        try:
            session = index.session_for(values["activity"], values["session_date"], values.get("start_time"))
        except Unresolved as exc:
            errors.append(RowError(row.row, label(exc.field, exc.field), exc.message, _shown(values.get(exc.field))))
        try:
            learner = index.learner(values["learner"])
        except Unresolved as exc:
            errors.append(RowError(row.row, label(exc.field, exc.field), exc.message, values["learner"]))
        if session is None or learner is None:
            return None
        return MarkLine(row.row, session, learner, values["mark"])

    def _check(self, centre: Centre, lines: list[MarkLine], rows: dict[int, CleanRow], plan: Plan) -> None:
        """The register page's rules, for every line at once (three queries, and one per session)."""
        session_ids = {line.session.pk for line in lines}
        activity_ids = {line.session.activity_id for line in lines}
        taking_part = set(
            Participant.objects.filter(activity_id__in=activity_ids).values_list("activity_id", "learner_id")
        )
        held = {
            (session_id, learner_id): mark
            for session_id, learner_id, mark in AttendanceMark.objects.filter(session_id__in=session_ids).values_list(
                "session_id", "learner_id", "mark"
            )
        }
        learners_at: dict[ActivitySession, list[int]] = defaultdict(list)
        for line in lines:
            learners_at[line.session].append(line.learner.pk)
        starts = {session.pk: registers.enrolment_starts(session, ids) for session, ids in learners_at.items()}
        names = dict(registers.mark_choices(centre.pk))
        seen: dict[tuple[int, int], MarkLine] = {}
        for line in lines:
            label = rows[line.row].labels.get
            session, learner, who = line.session, line.learner, line.learner.full_name
            start = starts[session.pk].get(learner.pk)
            problem: tuple[str, str] | None = None
            if (session.activity_id, learner.pk) not in taking_part:
                problem = ("learner", f"{who} is not taking part in “{session.activity.title}”: add them to it first.")
            elif start and timezone.localtime(session.starts_at).date() < start:
                problem = (
                    "learner",
                    f"{who} enrolled on {start:%-d %B %Y}, after this session: they are not on its register.",
                )
            elif registers.too_early_for(session, [line.mark]):
                problem = ("mark", registers.TOO_EARLY)  # the register page's rule: attendance is what happened
            elif (earlier := seen.get((session.pk, learner.pk))) is not None and earlier.mark == line.mark:
                problem = ("learner", f"Duplicate of row {earlier.row}: the same learner at the same session.")
            elif earlier is not None:
                problem = (
                    "mark",
                    f"Row {earlier.row} gives this learner a different mark at the same session "
                    f"({names.get(earlier.mark, earlier.mark)}).",
                )
            if problem:
                field, message = problem
                shown = rows[line.row].values.get(field)
                plan.errors.append(RowError(line.row, label(field, field), message, _shown(shown)))
                continue
            seen[(session.pk, learner.pk)] = line
            current = held.get((session.pk, learner.pk))
            if current == line.mark:
                plan.unchanged += 1
                continue
            plan.payload.append(line)
            if current is None:
                plan.created += 1
            else:
                plan.updated += 1

    def write(self, centre: Centre, plan: Plan, actor_id: int | None) -> None:
        by = User.objects.filter(pk=actor_id).first() if actor_id else None
        by_session: dict[ActivitySession, dict[int, str]] = defaultdict(dict)
        for line in plan.payload:
            by_session[line.session][line.learner.pk] = line.mark
        for session, marks in by_session.items():  # the register service checks each session once, then writes
            registers.save_register(session, marks, by=by, source="import")

    def summary_lines(self, summary: dict[str, int], done: bool) -> list[str]:
        sessions, activities = summary.get("sessions", 0), summary.get("activities", 0)
        return [
            f"{sessions} session{'s' if sessions != 1 else ''} of {activities} "
            f"activit{'ies' if activities != 1 else 'y'} in the file"
        ]


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return "" if value is None else str(value)


register(RegisterImporter())
