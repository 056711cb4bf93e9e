"""Exports: the same rows as CSV and XLSX, and a formula in a cell always comes out as text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from bridgework.core.exports import ExportTable, csv_bytes, sheet_titles, xlsx_bytes, xlsx_workbook_bytes
from bridgework.core.tests.libreoffice import first_sheet_as_csv, needs_soffice, sheets_as_csv

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


def test_xlsx_keeps_error_codes_booleans_and_dates_as_what_they_are() -> None:
    from datetime import date

    table = ExportTable(
        "T", ["Error-like", "Flag", "Day", "Text", "Number"], iter([["#N/A", True, date(2026, 9, 1), "x", 1.5]])
    )
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table))).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("#N/A", "s")  # text, not a spreadsheet error
    assert sheet["B2"].value == "Y" and sheet["C2"].number_format == "yyyy-mm-dd"
    assert sheet["C2"].value.date() == date(2026, 9, 1) and (sheet["D2"].value, sheet["E2"].value) == ("x", 1.5)


@needs_soffice
def test_libreoffice_opens_the_xlsx_and_keeps_the_formula_as_text(tmp_path: Path) -> None:
    source = tmp_path / "learners.xlsx"
    source.write_bytes(xlsx_bytes(_table()))
    rows = first_sheet_as_csv(source)
    assert rows[0] == ["Name", "Phone", "Note", "Text", "Number", "Blank"]
    assert rows[1][:5] == [FORMULA, "+44 113", "@SUM(A1)", "plain", "42"]  # not "y": the formula never ran


def test_several_tables_become_the_sheets_of_one_workbook() -> None:
    tables = [
        ExportTable("Plan", ["Activity"], iter([[FORMULA]])),
        ExportTable("Plan", ["Other"], iter([["x"]])),
        ExportTable("Why: a/b?", ["Text"], iter([])),
    ]
    workbook = load_workbook(io.BytesIO(xlsx_workbook_bytes(tables)))
    assert workbook.sheetnames == ["Plan", "Plan (2)", "Why  a b"]
    cell = workbook["Plan"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (FORMULA, "s", True)


def test_sheet_titles_are_valid_and_distinct() -> None:
    titles = sheet_titles(["A" * 40, "A" * 40, "", "plan", "Plan"])
    assert all(len(t) <= 31 for t in titles) and len({t.lower() for t in titles}) == len(titles)
    assert titles[2] == "Sheet" and titles[4] == "Plan (2)"


@needs_soffice
def test_libreoffice_reads_every_sheet_of_a_workbook(tmp_path: Path) -> None:
    source = tmp_path / "book.xlsx"
    source.write_bytes(
        xlsx_workbook_bytes([ExportTable("Plan", ["A"], iter([[FORMULA]])), ExportTable("Tracker", ["B"], iter([[2]]))])
    )
    sheets = sheets_as_csv(source)
    assert sheets == {"Plan": [["A"], [FORMULA]], "Tracker": [["B"], ["2"]]}
