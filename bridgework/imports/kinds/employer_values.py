"""Cleaning an employer list's cells: UK postcodes, Companies House numbers, web addresses, catalogue sectors."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from bridgework.catalogue.models import Sector
from bridgework.employers.models import COMPANY_NUMBER_VALIDATOR, ERN_VALIDATOR, POSTCODE_VALIDATOR

_SEPARATORS = re.compile(r"[;,]")


def clean_postcode(value: Any, previous: dict[str, Any]) -> str | None:
    """A UK postcode, written the usual way: capitals, one space before the last three characters."""
    if value is None:
        return None
    compact = re.sub(r"\s+", "", str(value)).upper()
    if not compact:
        return ""
    written = f"{compact[:-3]} {compact[-3:]}"
    try:
        POSTCODE_VALIDATOR(written)
    except ValidationError as exc:
        raise ValidationError(f"“{str(value).strip()}” is not a UK postcode. Write it like LS1 4AP.") from exc
    return written


def _site_part(what: str, max_length: int) -> Any:
    """An address or town: kept with the site's postcode, so one without a postcode would be lost."""

    def clean(value: Any, previous: dict[str, Any]) -> str | None:
        if value is None:
            return None
        text = str(value).strip()
        if text and not previous.get("postcode"):
            raise ValidationError(f"{what} needs the postcode on the same row: sites are kept with their postcode.")
        if len(text) > max_length:
            raise ValidationError(f"{what} must be {max_length} characters or fewer.")
        return text

    return clean


clean_address = _site_part("An address", 1000)
clean_town = _site_part("A town", 100)


def clean_ern(value: Any, previous: dict[str, Any]) -> str | None:
    """The Employer Data Service number: 9 digits (a spreadsheet may show it as a number, or spaced)."""
    if value is None:
        return None
    number = re.sub(r"\s+", "", str(value))
    if number.endswith(".0"):
        number = number[:-2]  # read from a numeric spreadsheet cell
    if number:
        ERN_VALIDATOR(number)
    return number


def clean_company_number(value: Any, previous: dict[str, Any]) -> str | None:
    if value is None:
        return None
    number = re.sub(r"\s+", "", str(value)).upper()
    if number.isdigit() and len(number) < 8:
        number = number.zfill(8)  # spreadsheets drop the leading zeros of 01234567
    if number:
        COMPANY_NUMBER_VALIDATOR(number)
    return number


_URL = forms.URLField(assume_scheme="https", max_length=200, required=False)


def clean_website(value: Any, previous: dict[str, Any]) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    try:
        return _URL.clean(text)
    except ValidationError as exc:
        raise ValidationError(f"“{text}” is not a web address. Write it like https://example.co.uk.") from exc


def sectors_cleaner() -> Callable[[Any, dict[str, Any]], tuple[Sector, ...] | None]:
    """Sector names from the catalogue (any case), separated by ; or ,. A blank cell is no sectors given."""
    catalogue = {sector.name.casefold(): sector for sector in Sector.objects.order_by("name")}

    def clean(value: Any, previous: dict[str, Any]) -> tuple[Sector, ...] | None:
        if value is None:
            return None
        found: dict[int, Sector] = {}
        unknown = []
        for name in (" ".join(part.split()) for part in _SEPARATORS.split(str(value))):
            if not name:
                continue
            sector = catalogue.get(name.casefold())
            if sector is None:
                unknown.append(f"“{name}”")
            else:
                found.setdefault(sector.pk, sector)
        if unknown:
            names = ", ".join(s.name for s in catalogue.values())
            raise ValidationError(
                f"{' and '.join(unknown)} {'is not a sector' if len(unknown) == 1 else 'are not sectors'} "
                f"in the catalogue. The sectors are: {names}."
            )
        return tuple(found.values())

    return clean
