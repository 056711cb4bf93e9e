"""Exports: one row generator feeds both CSV and XLSX, and no text cell can run as a formula.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip) is a formula
when a spreadsheet opens it: `=HYPERLINK("http://evil","Click")` in a learner's name would become a live
link. CSV goes through defusedcsv, which prefixes such cells with an apostrophe. In XLSX the cell is written
as a plain string (never a formula) and marked quotePrefix, so Excel and LibreOffice show the exact text
and keep it as text when the cell is edited.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from defusedcsv import csv as safe_csv
from django.http import HttpResponse
from django.utils import timezone

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ExportTable:
    """A named table: its headings, and rows produced lazily (one list of cell values per row)."""

    name: str
    headers: list[str]
    rows: Iterable[list[Any]]


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(table: ExportTable) -> Iterator[str]:
    writer = safe_csv.writer(_Echo())
    yield "\ufeff"  # a BOM so Excel reads UTF-8 names correctly
    yield writer.writerow(table.headers)
    for row in table.rows:
        yield writer.writerow([_csv_cell(v) for v in row])


def csv_bytes(table: ExportTable) -> bytes:
    return "".join(csv_lines(table)).encode("utf-8")


# Characters a worksheet title may not hold, and its length limit (Excel's rules; LibreOffice follows them).
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
SHEET_TITLE_MAX = 31


def sheet_titles(names: Sequence[str]) -> list[str]:
    """Valid, distinct worksheet titles for `names`, in order ("Plan", "Plan (2)" when two share a name)."""
    titles: list[str] = []
    for name in names:
        base = (name.translate(_SHEET_TITLE_FORBIDDEN).strip().strip("'") or "Sheet")[:SHEET_TITLE_MAX]
        title, n = base, 1
        while title.lower() in (t.lower() for t in titles):
            n += 1
            suffix = f" ({n})"
            title = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
        titles.append(title)
    return titles


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    # Most cells are plain numbers or ordinary text, which openpyxl writes as they are (a cell object per value
    # doubles the cost of a large workbook). Only text it could read as a formula ("=…") or an error code
    # ("#N/A"), booleans and dates need a cell of their own.
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    if isinstance(value, str) and not value.startswith((*FORMULA_TRIGGERS, "#")):
        return value
    if isinstance(value, bool):
        value = "Y" if value else "N"
    elif isinstance(value, datetime) and value.tzinfo is not None:
        value = timezone.localtime(value).replace(tzinfo=None)  # spreadsheets have no time zones
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        written.data_type = "s"  # never "f": a string that looks like a formula stays a string
        if is_formula_like(value):
            written.quotePrefix = True
    elif isinstance(value, datetime):
        written.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        written.number_format = "yyyy-mm-dd"
    return written


def xlsx_workbook_bytes(tables: Sequence[ExportTable]) -> bytes:
    """Several tables as the sheets of one workbook, in order, every text cell neutralised."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for table, title in zip(tables, sheet_titles([t.name for t in tables]), strict=True):
        sheet = workbook.create_sheet(title=title)
        sheet.append([_xlsx_cell(sheet, h) for h in table.headers])
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(table: ExportTable) -> bytes:
    return xlsx_workbook_bytes([table])


def export_response(table: ExportTable, file_format: str, filename: str) -> HttpResponse:
    """Built inside the view (not streamed): the rows are read inside the request's tenancy scope."""
    if file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(table), content_type=XLSX_MIME)
    else:
        response = HttpResponse(csv_bytes(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def workbook_response(tables: Sequence[ExportTable], filename: str) -> HttpResponse:
    """Several tables as one XLSX download (one sheet each)."""
    response = HttpResponse(xlsx_workbook_bytes(tables), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
