"""Files are judged by their bytes and size before any parsing; XLSX zip bombs never get opened."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django_scopes import scopes_disabled
from openpyxl import Workbook

from bridgework.imports.models import ImportJob, ImportState
from bridgework.imports.readers import ImportFileError
from bridgework.imports.tests.helpers import HEADERS, csv_file, learner_row, run_import, upload
from bridgework.learners.models import Learner

pytestmark = pytest.mark.django_db
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 64
)


def _no_jobs(world) -> bool:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        return not ImportJob.objects.filter(centre=world.a.centre).exists()


def test_it_refuses_a_png_named_csv(world):  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError, match=r"called \.csv but contains image/png"):
        upload(world.a.centre, world.a.admin, PNG, name="learners.csv")
    assert _no_jobs(world)


def test_it_refuses_a_file_over_the_size_limit(world, settings):  # type: ignore[no-untyped-def]
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ImportFileError, match="Files must be smaller than"):
        upload(world.a.centre, world.a.admin, csv_file(learner_row(i) for i in range(20)))
    assert _no_jobs(world)


def test_it_refuses_a_zip_bomb_before_opening_it(world, monkeypatch):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(64):
                member.write(b"\x00" * (1024 * 1024))  # 64 MB of nothing: a few dozen KB compressed
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(ImportFileError, match="zip bomb"):
        upload(world.a.centre, world.a.admin, buffer.getvalue(), name="learners.xlsx")
    assert opened == [] and _no_jobs(world)


def test_it_refuses_a_csv_that_is_not_utf8(world):  # type: ignore[no-untyped-def]
    data = "Student ID,Forename\r\nT1,Zoë\r\n".encode("utf-16")
    with pytest.raises(ImportFileError):
        upload(world.a.centre, world.a.admin, data)


def test_it_imports_an_xlsx_with_date_and_number_cells(world):  # type: ignore[no-untyped-def]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    row = learner_row(3)
    sheet.append(
        [
            row["Student ID"],
            "Zoë",
            "O'Brien",
            date(2009, 4, 5),
            int(row["ULN"]),
            "Y",
            "8202-30",
            "2025/26",
            date(2025, 9, 8),
            "CG1",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = run_import(world.a.centre, world.a.admin, buffer.getvalue(), name="export.xlsx")
    assert job.state == ImportState.DONE, job.errors
    with scopes_disabled():
        learner = Learner.objects.get(centre=world.a.centre, mis_ref=row["Student ID"])
        assert (learner.given_name, learner.family_name, learner.uln) == ("Zoë", "O'Brien", row["ULN"])
        assert learner.date_of_birth == date(2009, 4, 5) and learner.ehc_plan is True


def test_it_reads_semicolon_csv_with_a_bom(world):  # type: ignore[no-untyped-def]
    data = "\ufeff".encode() + csv_file([learner_row(1)], delimiter=";")
    assert run_import(world.a.centre, world.a.admin, data).created == 1
