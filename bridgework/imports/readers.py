"""Reading uploaded files safely: size and type checked by their bytes, zip bombs refused before parsing.

An XLSX file is a zip of XML parts. Its central directory declares each member's uncompressed size, and
Python's zipfile never inflates a member past that size, so checking the declared sizes and ratios before
openpyxl opens the file is enough to refuse a bomb without inflating it. openpyxl parses the parts with
defusedxml (installed), and ILR XML is parsed with defusedxml directly: no entities, no DTDs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import Any

import filetype
from django.conf import settings

TEXT_FORMATS = {".csv": "csv", ".txt": "csv", ".xml": "xml"}
ZIP_FORMATS = {".xlsx": "xlsx"}


class ImportFileError(Exception):
    """The file cannot be imported at all (wrong type, too big, unreadable). Says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(size: int) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFileError(f"The file is {_megabytes(size)}. Files must be smaller than {_megabytes(limit)}.")


def detect_format(name: str, head: bytes) -> str:
    """'csv', 'xlsx' or 'xml', judged by the bytes and required to agree with the file's extension."""
    extension = PurePath(name).suffix.lower()
    guessed = filetype.guess(head)
    if extension in ZIP_FORMATS:
        if guessed is None or guessed.extension not in ("xlsx", "zip"):
            raise ImportFileError(
                "The file is called .xlsx but is not an Excel workbook. Save it from Excel as an .xlsx workbook."
            )
        return ZIP_FORMATS[extension]
    if extension in TEXT_FORMATS:
        if guessed is not None:
            raise ImportFileError(
                f"The file is called {extension} but contains {guessed.mime} data. "
                "Upload the CSV, Excel or ILR XML file exported from your MIS."
            )
        return TEXT_FORMATS[extension]
    raise ImportFileError("Upload a .csv, .xlsx or .xml file.")


def check_zip_bomb(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFileError("The Excel file is damaged and cannot be opened. Save it again and retry.") from exc
    members = archive.infolist()
    if len(members) > settings.IMPORT_MAX_ZIP_MEMBERS:
        raise ImportFileError("The Excel file contains too many parts to be a spreadsheet export. It was refused.")
    total = sum(member.file_size for member in members)
    if total > settings.IMPORT_MAX_UNCOMPRESSED_BYTES:
        limit = _megabytes(settings.IMPORT_MAX_UNCOMPRESSED_BYTES)
        raise ImportFileError(
            f"The Excel file expands to {_megabytes(total)}, more than the {limit} allowed. "
            "It was refused without being opened."
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > settings.IMPORT_MAX_COMPRESSION_RATIO:
            raise ImportFileError(
                "The Excel file expands suspiciously (it looks like a zip bomb). It was refused without being opened."
            )


def check_file(name: str, data: bytes) -> str:
    """Every check that can be made before parsing. Returns the detected format."""
    check_size(len(data))
    if not data.strip():
        raise ImportFileError("The file is empty.")
    file_format = detect_format(name, data[:8192])
    if file_format == "xlsx":
        check_zip_bomb(data)
    return file_format


def decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            "The file is not UTF-8 text. In Excel choose Save As → 'CSV UTF-8 (Comma delimited)' and upload that."
        ) from exc


@dataclass
class Table:
    """A spreadsheet's header row and its data rows, each row with its number as the spreadsheet shows it."""

    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]


def _headers(raw: list[Any]) -> list[str]:
    headers: list[str] = []
    for index, value in enumerate(raw, start=1):
        header = str(value).strip() if value not in (None, "") else f"Column {index}"
        if header in headers:
            raise ImportFileError(f"Two columns are both headed {header!r}. Give every column a different heading.")
        headers.append(header)
    if not any(raw):
        raise ImportFileError("The first row must hold the column headings; it is empty.")
    return headers


def _table(lines: Iterator[list[Any]]) -> Table:
    try:
        first = next(lines)
    except StopIteration as exc:
        raise ImportFileError("The file has no rows.") from exc
    headers = _headers(list(first))
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=2):
        cells = list(line)
        if not any(cell not in (None, "") and str(cell).strip() for cell in cells):
            continue  # blank lines are not rows
        if len(cells) > len(headers) and any(str(c).strip() for c in cells[len(headers) :] if c is not None):
            raise ImportFileError(f"Row {number} has more cells than there are column headings.")
        rows.append((number, dict(zip(headers, cells, strict=False))))
        if len(rows) > settings.IMPORT_MAX_ROWS:
            raise ImportFileError(f"The file has more than {settings.IMPORT_MAX_ROWS:,} rows. Split it and retry.")
    return Table(headers, rows)


def read_csv(data: bytes) -> Table:
    text = decode_text(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        return _table(iter(csv.reader(io.StringIO(text, newline=""), dialect)))
    except csv.Error as exc:
        raise ImportFileError(f"The CSV file cannot be read: {exc}.") from exc


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # ULNs and references typed as numbers arrive as floats
    if isinstance(value, int | float):
        return str(value)
    return value


def read_xlsx(data: bytes) -> Table:
    import openpyxl

    check_zip_bomb(data)  # again here: readers may be called without check_file
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise ImportFileError("The Excel file cannot be read. Save it again as an .xlsx workbook and retry.") from exc
    try:
        sheet = workbook.worksheets[0]
        return _table([_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def read_table(file_format: str, data: bytes) -> Table:
    if file_format == "xlsx":
        return read_xlsx(data)
    if file_format == "csv":
        return read_csv(data)
    raise ImportFileError("This kind of import needs a CSV or Excel file.")
