"""Demo step: past imports at Riverside, one of each kind a centre meets —

- the MIS export imported again (every learner unchanged) and a file with mistakes (every problem listed,
  nothing written), with the remembered column mapping;
- a typed-up paper register for the PLC master class (one learner left early: one mark updated);
- an employer list checked but not yet imported, whose preview warns that one row looks like an employer
  Riverside already has.
"""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bridgework.activities.models import AttendanceMark, Mark
from bridgework.core.demo import DemoContext
from bridgework.imports import services
from bridgework.imports.models import ImportJob, ImportKind
from bridgework.learners.models import Learner

MIS_HEADERS = ["Student ID", "Forename", "Surname", "DOB", "ULN", "EHC", "QAN", "Academic year", "Start date"]
GOOD_FILE = "riverside-mis-export.csv"
BAD_FILE = "riverside-new-starters.csv"
REGISTER_FILE = "riverside-plc-master-class-register.csv"
EMPLOYER_FILE = "riverside-employer-contacts.csv"
REGISTER_HEADERS = ["Activity", "Date", "Start time", "Student ID", "Mark"]
TYPED_MARKS = {Mark.PRESENT: "P", Mark.LATE: "L", Mark.LEFT_EARLY: "LE", Mark.ABSENT: "A", Mark.EXCUSED: "E"}
EMPLOYER_HEADERS = ["Employer", "Sectors", "Postcode", "Website", "Town", "Notes"]
EMPLOYER_ROWS = [
    # Held already (same name and postcode): its website is added.
    ["Aire Valley Precision Engineering Ltd", "Engineering", "LS10 1QN", "https://aireprecision.example", "", ""],
    # Like Northern Code Works Ltd, at another postcode: a warning in the preview.
    ["Northern Code Works Limited", "Digital; IT", "LS2 8AA", "", "Leeds", "Met at the digital skills fair."],
    ["Kirkstall Bakery Co-operative", "Hospitality", "LS5 3BT", "", "Leeds", "Could host pastry work tasters."],
    ["Leeds Dental Studio", "Health & Social Care", "LS1 4AP", "", "Leeds", ""],
]


def _csv(headers: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _import(ctx: DemoContext, name: str, data: bytes, kind: str = ImportKind.LEARNERS, confirm: bool = True) -> None:
    riverside = ctx.objects["riverside"]
    if ImportJob.objects.filter(centre=riverside, original_name=name).exists():
        return
    job = services.start_job(
        centre=riverside, user=ctx.objects["coordinator"], kind=kind, upload=SimpleUploadedFile(name, data)
    )
    services.save_mapping(job, job.mapping)
    job.refresh_from_db()
    if confirm:
        services.confirm_job(job)  # only a checked, error-free file is imported


def _learner_files(ctx: DemoContext) -> None:
    riverside = ctx.objects["riverside"]
    learners = Learner.objects.filter(centre=riverside).prefetch_related("enrolments__qualification")[:12]
    rows = []
    for learner in learners:
        for enrolment in learner.enrolments.all():
            rows.append(
                [
                    learner.mis_ref,
                    learner.given_name,
                    learner.family_name,
                    learner.date_of_birth.strftime("%d/%m/%Y"),
                    learner.uln,
                    "Y" if learner.ehc_plan else "N",
                    enrolment.qualification.qan or enrolment.qualification.title,
                    enrolment.academic_year,
                    enrolment.start_date.strftime("%d/%m/%Y"),
                ]
            )
    _import(ctx, GOOD_FILE, _csv(MIS_HEADERS, rows))
    year = rows[0][7] if rows else "2025/26"
    bad = [
        ["RC09001", "Maya", "Hussain", "14/03/2010", "9276308687", "N", "601/7307/5", year, "08/09/2025"],
        ["RC09002", "Owen", "Price", "03/15/2010", "", "N", "601/7307/5", year, "08/09/2025"],
        ["RC09003", "Ruby", "Shah", "21/06/2010", "", "maybe", "601/9999/9", year, "08/09/2025"],
    ]
    _import(ctx, BAD_FILE, _csv(MIS_HEADERS, bad))


def _register_file(ctx: DemoContext) -> None:
    master_class = ctx.objects.get("activities", {}).get("eng-mc")
    session = master_class.sessions.order_by("starts_at").first() if master_class else None
    if session is None:
        return
    starts = timezone.localtime(session.starts_at)
    marks = AttendanceMark.objects.filter(session=session).select_related("learner").order_by("learner_id")
    rows = [
        [master_class.title, f"{starts:%d/%m/%Y}", f"{starts:%H:%M}", m.learner.mis_ref, TYPED_MARKS.get(m.mark, "P")]
        for m in marks
        if m.learner.mis_ref
    ]
    present = [row for row in rows if row[4] == "P"]
    if present:
        present[-1][4] = "Left early"  # the paper register says so; the one typed on the day did not
    _import(ctx, REGISTER_FILE, _csv(REGISTER_HEADERS, rows), kind=ImportKind.REGISTERS)


def run(ctx: DemoContext) -> None:
    _learner_files(ctx)
    _register_file(ctx)
    _import(ctx, EMPLOYER_FILE, _csv(EMPLOYER_HEADERS, EMPLOYER_ROWS), kind=ImportKind.EMPLOYERS, confirm=False)
