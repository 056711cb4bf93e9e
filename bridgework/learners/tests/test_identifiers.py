from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bridgework.learners.identifiers import academic_year_of, uln_is_valid, validate_academic_year, validate_uln


@pytest.mark.parametrize("uln", ["9276308686", "1830166130", "7030824627", "4518190938"])
def test_valid_ulns_pass_the_check_digit(uln: str) -> None:
    assert uln_is_valid(uln)
    validate_uln(uln)


@pytest.mark.parametrize(
    ("uln", "code"),
    [
        ("9276308687", "uln_check_digit"),  # last digit changed
        ("9999999999", "uln_check_digit"),  # the usual placeholder fails the check
        ("0123456789", "uln_leading_zero"),
        ("123456789", "uln_shape"),
        ("12345678901", "uln_shape"),
        ("92763O8686", "uln_shape"),
    ],
)
def test_invalid_ulns_are_refused_with_a_specific_reason(uln: str, code: str) -> None:
    assert not uln_is_valid(uln)
    with pytest.raises(ValidationError) as error:
        validate_uln(uln)
    assert error.value.code == code


def test_blank_uln_is_allowed_when_unknown() -> None:
    validate_uln("")


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 7, 31), "2024/25"),
        (date(2025, 8, 1), "2025/26"),
        (date(2026, 1, 15), "2025/26"),
        (date(2099, 12, 31), "2099/00"),
    ],
)
def test_academic_years_run_from_1_august(day: date, label: str) -> None:
    assert academic_year_of(day) == label
    validate_academic_year(label)


@pytest.mark.parametrize("label", ["2025/27", "2025-26", "25/26", "2025/2026", ""])
def test_malformed_academic_years_are_refused(label: str) -> None:
    with pytest.raises(ValidationError):
        validate_academic_year(label)
