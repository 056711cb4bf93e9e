"""`python -m bench.exports`: each download's time, rows and SQL queries, beside the file format's own cost.

Builds a throwaway database (PostgreSQL when DATABASE_URL is set, see bench.harness) holding one centre with one
qualification: its learners (600 by default, --learners), 20 activities with sessions and attendance marks, three
of them work placements of ten days, a centre plan of 20 planned activities (16 arranged, 4 not yet) and its
revisions, employer sites and practitioners, and evidence files. Then it times, inside the centre's scope as the
views run them:
- the C&G Planner and Tracker (XLSX, four sheets) and the OCR MEI Centre Plan (XLSX);
- the compliance report for the whole centre (CSV and XLSX);
- the ILR work placements (CSV).
For each: data rows, cells, SQL queries, the seconds to build the rows alone, the seconds for the whole file and
rows per second; and the baseline in the same run, the floor for the file format: the very same cells, as plain
text and numbers, written with openpyxl's write-only workbook or the csv module directly. What lies between the
floor and our figure is ours (queries, the compliance engine, wording, formula neutralising).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bench.harness import analyze, throwaway_database, timed, use_test_settings
from bench.synthetic import TYPES_WEIGHTED, academic_year, catalogue, describe_all, populate

use_test_settings()

ACTIVITIES = 20
PLANNED = 20
ARRANGED = 16  # planned rows with their activity; the other activities are arranged without being planned
PLACEMENT_TYPES = ("work_placement", "work_experience", "work_placement")
PLACEMENT_DAYS = 10
# The other activities are anything but placements: a learner has one placement, not several.
OTHER_TYPES = [t for t in TYPES_WEIGHTED if t not in PLACEMENT_TYPES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=600, help="learners on the qualification")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each export (the best is shown)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    with throwaway_database(args.keep):
        run(args.learners, args.repeat)


# --- the cohort ---------------------------------------------------------------------------------------------


def generate_cohort(n_learners: int, now: datetime):  # type: ignore[no-untyped-def]
    """The centre and its plan. Each activity takes ~40% of the qualification's learners (a group or two)."""
    from bridgework.activities.models import (
        Activity,
        ActivitySession,
        AttendanceMark,
        CentrePlan,
        EvidenceFile,
        Participant,
        PlannedActivity,
        PlanRevision,
    )
    from bridgework.activities.types import ActivityType
    from bridgework.catalogue.models import Unit
    from bridgework.employers.models import EmployerPerson, EmployerSite
    from bridgework.learners.demo import uln_from
    from bridgework.learners.models import Learner, LearnerAwardingNumber
    from bridgework.people.models import Centre, User

    rng = random.Random(11)
    year = academic_year(now)
    [qualification] = catalogue(1)
    qualification.ao_code = "9999-30"  # no QAN: the ILR's learning aim falls back to the AO's code
    qualification.save(update_fields=["ao_code"])
    centre = Centre.objects.create(number="90001", name="Bench Exports College")
    learners, activities = populate(
        centre, [qualification], n_learners, ACTIVITIES, 2.5, 0, now, rng, take_part=0.4, types=OTHER_TYPES
    )

    for i, learner in enumerate(learners):
        learner.mis_ref, learner.uln = f"B{i:07d}", uln_from(50_000 + i)
    Learner.objects.bulk_update(learners, ["mis_ref", "uln"], batch_size=1000)
    LearnerAwardingNumber.objects.bulk_create(
        [
            LearnerAwardingNumber(
                centre=centre,
                learner=learner,
                awarding_organisation_id=qualification.awarding_organisation_id,
                number=f"CN{i:06d}",
            )
            for i, learner in enumerate(learners)
        ]
    )

    employer_ids = sorted({a.employer_id for a in activities})
    EmployerSite.objects.bulk_create(
        [
            EmployerSite(centre=centre, employer_id=e, name="Head office", postcode=f"LS{k % 28 + 1} 4AP")
            for k, e in enumerate(employer_ids)
        ]
    )
    people = EmployerPerson.objects.bulk_create(
        [
            EmployerPerson(
                centre=centre, given_name="Pat", family_name=f"Smith {k}", job_title="Engineer", is_practitioner=True
            )
            for k in range(ACTIVITIES)
        ]
    )
    Activity.practitioners.through.objects.bulk_create(
        [Activity.practitioners.through(activity=a, employerperson=p) for a, p in zip(activities, people, strict=True)]
    )

    # Work placements: ten working days, 9:00 to 16:00, in the past, nearly everyone present.
    placements = activities[: len(PLACEMENT_TYPES)]
    for activity, kind in zip(placements, PLACEMENT_TYPES, strict=True):
        activity.type, activity.status, activity.delivery = kind, "delivered", "live"
    Activity.objects.bulk_update(placements, ["type", "status", "delivery"])
    first_day = (now - timedelta(days=40)).replace(hour=9, minute=0, second=0, microsecond=0)
    days = [d for d in (first_day + timedelta(days=k) for k in range(14)) if d.weekday() < 5][:PLACEMENT_DAYS]
    sessions = ActivitySession.objects.bulk_create(
        [
            ActivitySession(centre=centre, activity=a, starts_at=d, ends_at=d + timedelta(hours=7))
            for a in placements
            for d in days
        ]
    )
    taking_part: dict[int, list[int]] = {}
    for activity_id, learner_id in Participant.objects.filter(activity__in=placements).values_list(
        "activity_id", "learner_id"
    ):
        taking_part.setdefault(activity_id, []).append(learner_id)
    AttendanceMark.objects.bulk_create(
        [
            AttendanceMark(
                centre=centre, session=s, learner_id=learner_id, mark="present" if rng.random() < 0.95 else "absent"
            )
            for s in sessions
            for learner_id in taking_part.get(s.activity_id, [])
        ],
        batch_size=5000,
    )

    user = User.objects.create_user(email="planner@bench.test", first_name="Sam", last_name="Planner")
    plan = CentrePlan.objects.create(
        centre=centre,
        qualification=qualification,
        academic_year=year,
        practitioner_sources="Employers we work with, the sector body, alumni.",
        contingency_plan="Recordings of guest lectures; a catch-up session each term.",
        created_by=user,
    )
    units = list(Unit.objects.filter(qualification=qualification, mandatory=True).order_by("number"))
    terms = ("Autumn term", "Spring term", "Summer term")
    planned = PlannedActivity.objects.bulk_create(
        [
            PlannedActivity(
                centre=centre,
                plan=plan,
                unit=units[k % len(units)] if k % 7 != 6 else None,
                what=f"{ActivityType(activities[k].type).label} with an employer from the sector, part {k + 1}",
                when=f"{terms[k % 3]}, week {k % 12 + 1}",
                comments="Employer to confirm the speaker" if k % 4 == 0 else "",
                activity=activities[k] if k < ARRANGED else None,
                created_at=now - timedelta(days=90 - k),
            )
            for k in range(PLANNED)
        ]
    )
    PlanRevision.objects.bulk_create(
        [PlanRevision(centre=centre, plan=plan, planned_activity=p, action="created", changed_by=user) for p in planned]
        + [
            PlanRevision(
                centre=centre,
                plan=plan,
                planned_activity=p,
                action="changed",
                changes={"When": ["Autumn term", p.when]},
                reason="The employer moved the date",
                changed_by=user,
            )
            for p in planned[::3]
        ]
    )

    evidence = [
        EvidenceFile(
            centre=centre,
            activity=a,
            kind=kind,
            file=f"evidence/bench/{a.pk}-{kind}.pdf",
            original_name=f"{kind.replace('_', ' ')} {a.pk}.pdf",
            content_type="application/pdf",
            size=120_000,
            uploaded_by=user,
        )
        for a in activities
        for kind in ("attendance_record", "activity_details", "employer_contact")
    ]
    for activity_id, learner_id in Participant.objects.filter(centre=centre).values_list("activity_id", "learner_id"):
        if rng.random() < 0.25:
            evidence.append(
                EvidenceFile(
                    centre=centre,
                    activity_id=activity_id,
                    learner_id=learner_id,
                    kind="learner_workbook",
                    file=f"evidence/bench/{activity_id}-{learner_id}.pdf",
                    original_name=f"workbook {learner_id}.pdf",
                    content_type="application/pdf",
                    size=80_000,
                    uploaded_by=user,
                )
            )
    EvidenceFile.objects.bulk_create(evidence, batch_size=5000)
    return centre, plan


def describe(centre, plan) -> str:  # type: ignore[no-untyped-def]
    from bridgework.activities.models import EvidenceFile, PlannedActivity, PlanRevision

    counts = [
        f"{PlannedActivity.objects.filter(plan=plan).count()} planned activities",
        f"{PlanRevision.objects.filter(plan=plan).count()} plan revisions",
        f"{EvidenceFile.objects.filter(centre=centre).count():,} evidence files",
    ]
    return ", ".join([describe_all([centre.pk]), *counts])


# --- measuring ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    label: str
    file_format: str  # "csv" (one table) or "xlsx" (a sheet per table)
    tables: Callable[[], list[Any]]  # ExportTables, built afresh for each run (their rows are generators)


@dataclass(frozen=True)
class Figures:
    rows: int
    cells: int
    queries: int
    build_s: float
    export_s: float
    floor_s: float
    size: int


def write(tables: list[Any], file_format: str) -> bytes:
    from bridgework.core.exports import csv_bytes, xlsx_workbook_bytes

    return xlsx_workbook_bytes(tables) if file_format == "xlsx" else csv_bytes(tables[0])


def _kept(rows: Iterable[list[Any]], sink: list[list[Any]]) -> Iterator[list[Any]]:
    for row in rows:
        sink.append(row)
        yield row


def plain(value: Any) -> Any:
    """The cell as the format takes it with no help: a number stays a number, anything else becomes text."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def floor_bytes(sheets: list[tuple[str, list[str], list[list[Any]]]], file_format: str) -> bytes:
    """The format's own cost: the same cells written with openpyxl write-only, or the csv module, directly."""
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for _, headers, rows in sheets:
            writer.writerow(headers)
            writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, headers, rows in sheets:
        sheet = workbook.create_sheet(title=name)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def measure(export: Export, repeat: int) -> Figures:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bridgework.core.exports import ExportTable

    # A first run, untimed: counts the queries and keeps the cells for the floor (and warms the caches).
    sheets: list[tuple[str, list[str], list[list[Any]]]] = []
    with CaptureQueriesContext(connection) as queries:
        tables = []
        for table in export.tables():
            kept: list[list[Any]] = []
            sheets.append((table.name, table.headers, kept))
            tables.append(ExportTable(table.name, table.headers, _kept(table.rows, kept)))
        size = len(write(tables, export.file_format))

    def build() -> int:
        return sum(sum(1 for _ in table.rows) for table in export.tables())

    cells = [(name, headers, [[plain(v) for v in row] for row in rows]) for name, headers, rows in sheets]
    steps: list[Callable[[], object]] = [
        build,
        lambda: write(export.tables(), export.file_format),
        lambda: floor_bytes(cells, export.file_format),
    ]
    best = [float("inf")] * len(steps)
    for _ in range(repeat):  # interleaved, so a busy moment on the machine weighs on ours and the floor alike
        for i, step in enumerate(steps):
            best[i] = min(best[i], timed(step, 1)[0])
    build_s, export_s, floor_s = best
    return Figures(
        rows=sum(len(rows) for _, _, rows in sheets),
        cells=sum(len(rows) * len(headers) for _, headers, rows in sheets),
        queries=len(queries.captured_queries),
        build_s=build_s,
        export_s=export_s,
        floor_s=floor_s,
        size=size,
    )


def run(n_learners: int, repeat: int = 5) -> None:
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from bridgework.activities.exports.centre_plan import centre_plan_table
    from bridgework.activities.exports.planner_tracker import planner_tracker_tables
    from bridgework.activities.exports.work_placements import work_placements_table
    from bridgework.activities.models import CentrePlan
    from bridgework.compliance.exports import compliance_report_table
    from bridgework.compliance.services.dashboard import Filters
    from bridgework.core.tenancy import centre_scope

    now = timezone.now()
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    with scopes_disabled():
        start = time.perf_counter()
        centre, plan = generate_cohort(n_learners, now)
        print(f"Generated in {time.perf_counter() - start:.1f} s: {describe(centre, plan)}")
        analyze()

    with centre_scope(centre.pk):
        # As the download views fetch it (bridgework.staff.views.exports._plan), once, outside the timings.
        plan = CentrePlan.objects.select_related("centre", "qualification__awarding_organisation").get(pk=plan.pk)
        q, year = plan.qualification, plan.academic_year
        exports = [
            Export("Planner and Tracker", "xlsx", lambda: planner_tracker_tables(centre, q, year)),
            Export("MEI Centre Plan", "xlsx", lambda: [centre_plan_table(centre.pk, q, year)]),
            Export("Compliance report", "csv", lambda: [compliance_report_table(Filters())]),
            Export("Compliance report", "xlsx", lambda: [compliance_report_table(Filters())]),
            Export("ILR work placements", "csv", lambda: [work_placements_table(centre.pk, year)]),
        ]
        print(
            f"Best of {repeat} runs. Build: the rows alone (queries, engine, wording). Export: the whole file. "
            "Floor: the same cells written with openpyxl write-only / the csv module directly."
        )
        print(
            f"{'Export':27} {'rows':>6} {'cells':>8} {'queries':>7} {'build s':>8} {'export s':>9} {'rows/s':>8}"
            f" {'floor s':>8} {'x floor':>8} {'size':>9}"
        )
        for export in exports:
            f = measure(export, repeat)
            print(
                f"{export.label + ' (' + export.file_format.upper() + ')':27} {f.rows:6,} {f.cells:8,} {f.queries:7}"
                f" {f.build_s:8.3f} {f.export_s:9.3f} {f.rows / f.export_s:8,.0f} {f.floor_s:8.3f}"
                f" {f.export_s / f.floor_s:7.1f}x {f.size / 1024:7,.0f} kB"
            )


if __name__ == "__main__":
    main()
