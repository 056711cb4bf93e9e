"""Learner identifiers: ULN (with its check digit) and academic years."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

_ULN_SHAPE = re.compile(r"^[1-9]\d{9}$")
_ACADEMIC_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def uln_is_valid(uln: str) -> bool:
    """A ULN is 10 digits, the first not 0; weights 10..1; the weighted sum mod 11 must be 10."""
    if not _ULN_SHAPE.match(uln):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(uln, range(10, 0, -1), strict=True))
    return total % 11 == 10


def validate_uln(value: str) -> None:
    """Blank is allowed (unknown); placeholders such as 9999999999 fail the check digit and are refused."""
    if value == "":
        return
    if not re.fullmatch(r"\d{10}", value):
        raise ValidationError("A ULN is exactly 10 digits. Leave it blank if you do not know it.", code="uln_shape")
    if value[0] == "0":
        raise ValidationError("A ULN cannot start with 0.", code="uln_leading_zero")
    if not uln_is_valid(value):
        raise ValidationError(
            "This ULN fails its check digit. Check it with the learner, or leave it blank if unknown.",
            code="uln_check_digit",
        )


def validate_academic_year(value: str) -> None:
    match = _ACADEMIC_YEAR.match(value)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValidationError("Enter an academic year like 2025/26.", code="academic_year")


def is_academic_year(value: str) -> bool:
    try:
        validate_academic_year(value)
    except ValidationError:
        return False
    return True


def academic_year_of(day: date) -> str:
    """Academic years run 1 August to 31 July and are labelled '2025/26'."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def academic_year_start(label: str) -> date:
    validate_academic_year(label)
    return date(int(label[:4]), 8, 1)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
