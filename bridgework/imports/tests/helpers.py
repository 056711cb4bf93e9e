"""Building import files and running them through the same steps a person takes on the pages."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from bridgework.core.tenancy import centre_scope
from bridgework.imports import services
from bridgework.imports.kinds import importer_for
from bridgework.imports.models import ImportJob, ImportState
from bridgework.learners.demo import uln_from
from bridgework.people.models import Centre, User

HEADERS = [
    "Student ID",
    "Forename",
    "Surname",
    "DOB",
    "ULN",
    "EHC",
    "QAN",
    "Academic year",
    "Start date",
    "Candidate number",
]


def learner_row(i: int, **overrides: str) -> dict[str, str]:
    row = {
        "Student ID": f"T{i:06d}",
        "Forename": f"Given{i}",
        "Surname": f"Family{i % 97}",
        "DOB": date(2009, 1 + i % 12, 1 + i % 28).strftime("%d/%m/%Y"),
        "ULN": uln_from(10_000 + i),
        "EHC": "Y" if i % 10 == 0 else "N",
        "QAN": "601/7307/5",
        "Academic year": "2025/26",
        "Start date": "08/09/2025",
        "Candidate number": f"CG{i:06d}",
    }
    row.update(overrides)
    return row


def csv_file(rows: Iterable[dict[str, str]], headers: list[str] = HEADERS, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_file(rows: Iterable[list[Any]], headers: list[str]) -> bytes:
    """A workbook whose cells keep their types (dates, times, numbers), as Excel saves them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(centre: Centre, user: User, data: bytes, name: str = "learners.csv", kind: str = "learners") -> ImportJob:
    with centre_scope(centre.pk):
        return services.start_job(centre=centre, user=user, kind=kind, upload=SimpleUploadedFile(name, data))


def check(job: ImportJob, mapping: dict[str, str] | None = None) -> ImportJob:
    """The mapping step (the suggested mapping unless given), which runs the check."""
    with centre_scope(job.centre_id):
        if importer_for(job.kind).needs_mapping:
            problems = services.save_mapping(job, mapping if mapping is not None else job.mapping)
            assert not problems, problems
        job.refresh_from_db()
    return job


def run_import(
    centre: Centre, user: User, data: bytes, name: str = "learners.csv", kind: str = "learners"
) -> ImportJob:
    job = check(upload(centre, user, data, name, kind))
    if job.state == ImportState.READY:
        with centre_scope(centre.pk):
            services.confirm_job(job)
            job.refresh_from_db()
    return job
