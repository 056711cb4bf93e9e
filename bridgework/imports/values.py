"""Parsing the values spreadsheets contain: UK and ISO dates, times, yes/no flags, text. Errors say how to fix
the cell."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
TRUE = {"y", "yes", "true", "1"}
FALSE = {"n", "no", "false", "0", ""}


def parse_date(value: Any) -> date | None:
    """dd/mm/yyyy (UK order) or yyyy-mm-dd. Blank is None. Ambiguous or impossible dates are refused."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _UK.match(text):
        day, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
        if len(year_text) == 2:
            raise ValidationError(
                f"“{text}” has a two-digit year, which is ambiguous. Write the year in full, for example 31/01/2009."
            )
        year = int(year_text)
        if month > 12 and day <= 12:
            raise ValidationError(
                f"“{text}” looks like month/day/year (US order). Use day/month/year, for example 31/01/2009."
            )
    else:
        raise ValidationError(f"“{text}” is not a date. Use day/month/year (31/01/2009) or 2009-01-31.")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValidationError(f"“{text}” is not a real date.") from exc


def parse_flag(value: Any) -> bool | None:
    """Y/N, yes/no, true/false, 1/0. Blank is None (not given)."""
    if value in (None, ""):
        return None
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValidationError(f"“{value}” is not yes or no. Use Y or N.")


def parse_time(value: Any) -> time | None:
    """14:00, 14.00, 2pm, 2:30 pm, or a time cell. Blank is None."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    text = str(value).strip()
    match = _TIME.match(text)
    if match:
        hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), (match.group(4) or "").lower()
        if suffix and 1 <= hour <= 12:
            hour = hour % 12 + (12 if suffix.startswith("p") else 0)
        elif suffix or match.group(2) is None:
            hour = 99  # "14pm", or a bare number: not a time
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValidationError(f"“{text}” is not a time. Use the 24-hour clock, for example 14:00.")


def text_cleaner(
    *, max_length: int | None = None, required: str = "", single_line: bool = True
) -> Callable[[Any, dict[str, Any]], str | None]:
    """A cleaner for a text column: None when the column is not mapped, "" when the cell is blank (or an
    error if `required` says what to enter), and an error when the text is longer than the field holds.
    Single-line text has its runs of spaces and line breaks made one space."""

    def clean(value: Any, previous: dict[str, Any]) -> str | None:
        if value is None:
            return None
        text = " ".join(str(value).split()) if single_line else str(value).strip()
        if not text and required:
            raise ValidationError(required)
        if max_length and len(text) > max_length:
            raise ValidationError(f"This is {len(text)} characters long; at most {max_length} fit.")
        return text

    return clean
