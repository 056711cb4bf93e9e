"""Exports: the same rows as CSV and XLSX, and a formula in a cell always comes out as text."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bridgework.core.exports import ExportTable, csv_bytes, xlsx_bytes

FORMULA = '=HYPERLINK("http://x","y")'
TABLE_ROWS = [[FORMULA, "+44 113", "@SUM(A1)", "plain", 42, None]]


def _table() -> ExportTable:
    return ExportTable("Learners", ["Name", "Phone", "Note", "Text", "Number", "Blank"], iter(TABLE_ROWS))


def test_csv_neutralises_formula_cells() -> None:
    rows = list(csv.reader(io.StringIO(csv_bytes(_table()).decode("utf-8-sig"))))
    assert rows[1][:4] == ["'" + FORMULA, "'+44 113", "'@SUM(A1)", "plain"]
    assert rows[1][4:] == ["42", ""]


def test_xlsx_stores_formula_cells_as_text() -> None:
    sheet = load_workbook(io.BytesIO(xlsx_bytes(_table()))).active
    cell = sheet["A2"]
    assert (cell.value, cell.data_type) == (FORMULA, "s")  # a string, never a formula
    assert cell.quotePrefix is True
    assert sheet["D2"].value == "plain" and sheet["E2"].value == 42


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_xlsx_and_keeps_the_formula_as_text(tmp_path: Path) -> None:
    source = tmp_path / "learners.xlsx"
    source.write_bytes(xlsx_bytes(_table()))
    subprocess.run(  # noqa: S603
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = list(csv.reader((tmp_path / "learners.csv").read_text(encoding="utf-8", errors="replace").splitlines()))
    assert rows[0] == ["Name", "Phone", "Note", "Text", "Number", "Blank"]
    assert rows[1][:5] == [FORMULA, "+44 113", "@SUM(A1)", "plain", "42"]  # not "y": the formula never ran
