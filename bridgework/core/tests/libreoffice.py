"""Open a workbook the way a user's spreadsheet does: LibreOffice converts it to CSV, one file per sheet.

Tests that use it are skipped, with the reason, when LibreOffice (`soffice`) is not installed.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")

# The CSV filter's options: comma, double quote, UTF-8 (76), from line 1, ..., and the 12th token -1: every
# sheet to its own file named "<workbook>-<sheet>.csv" (LibreOffice 7.2 and later).
_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _convert(source: Path, filter_name: str) -> None:
    outdir = source.parent
    subprocess.run(  # noqa: S603
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation=file://{outdir}/lo-profile",
            "--headless",
            "--convert-to",
            filter_name,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8", errors="replace").splitlines()))


def first_sheet_as_csv(source: Path) -> list[list[str]]:
    """The workbook's first sheet as LibreOffice exports it to CSV."""
    _convert(source, "csv")
    return _read(source.with_suffix(".csv"))


def sheets_as_csv(source: Path) -> dict[str, list[list[str]]]:
    """Every sheet of the workbook, by sheet name, as LibreOffice exports it to CSV."""
    _convert(source, _ALL_SHEETS)
    prefix = f"{source.stem}-"
    return {path.stem.removeprefix(prefix): _read(path) for path in sorted(source.parent.glob(f"{source.stem}-*.csv"))}
