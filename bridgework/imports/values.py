"""Parsing the values MIS exports contain: UK and ISO dates, yes/no flags. Errors say how to fix the cell."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
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
