"""Demo step: two past imports at Riverside — the MIS export imported again (every learner unchanged) and a
file with mistakes (every problem listed, nothing written) — and the remembered column mapping."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from bridgework.core.demo import DemoContext
from bridgework.imports import services
from bridgework.imports.models import ImportJob
from bridgework.learners.models import Learner

MIS_HEADERS = ["Student ID", "Forename", "Surname", "DOB", "ULN", "EHC", "QAN", "Academic year", "Start date"]
GOOD_FILE = "riverside-mis-export.csv"
BAD_FILE = "riverside-new-starters.csv"


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(MIS_HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _import(ctx: DemoContext, name: str, data: bytes) -> None:
    riverside = ctx.objects["riverside"]
    if ImportJob.objects.filter(centre=riverside, original_name=name).exists():
        return
    job = services.start_job(
        centre=riverside, user=ctx.objects["coordinator"], kind="learners", upload=SimpleUploadedFile(name, data)
    )
    services.save_mapping(job, job.mapping)
    job.refresh_from_db()
    services.confirm_job(job)  # only a checked, error-free file is imported


def run(ctx: DemoContext) -> None:
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
    _import(ctx, GOOD_FILE, _csv(rows))
    year = rows[0][7] if rows else "2025/26"
    bad = [
        ["RC09001", "Maya", "Hussain", "14/03/2010", "9276308687", "N", "601/7307/5", year, "08/09/2025"],
        ["RC09002", "Owen", "Price", "03/15/2010", "", "N", "601/7307/5", year, "08/09/2025"],
        ["RC09003", "Ruby", "Shah", "21/06/2010", "", "maybe", "601/9999/9", year, "08/09/2025"],
    ]
    _import(ctx, BAD_FILE, _csv(bad))
