"""Compliance schemes: the rules' parameters as data, one scheme per awarding organisation.

Rules are functions of a Scheme, never branches per scheme name: a new awarding body's rules are a new
entry in settings.COMPLIANCE_SCHEMES (keyed by AO code), falling back to the default "MEI" scheme.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.conf import settings

from bridgework.activities.types import CO_DELIVERY_TYPES, ELIGIBLE_TYPES

DEFAULT_SCHEME = "MEI"


@dataclass(frozen=True)
class Scheme:
    code: str = DEFAULT_SCHEME
    eligible_types: frozenset[str] = ELIGIBLE_TYPES
    co_delivery_types: frozenset[str] = CO_DELIVERY_TYPES
    # Guest lectures / master classes: "more than one" session (seed 001); a setting, default 2.
    co_delivery_min_sessions: int = 2
    # Whether a recorded contingency stands in for a missed live session (domain.md §4 [I]).
    contingencies_allowed: bool = True
    # Submission deadline month-day ("06-15") per AO, and exact dates per "AO year" ("OCR 2025/26").
    deadlines: dict[str, str] = field(default_factory=dict)
    default_deadline: str = "06-15"
    _deadlines: dict[tuple[str, str], date] = field(default_factory=dict, init=False, compare=False, repr=False)

    def deadline_for(self, ao_code: str, academic_year: str) -> date:
        """The submission deadline for an AO's learners in an academic year (June of the year's end)."""
        key = (ao_code, academic_year)
        cached = self._deadlines.get(key)
        if cached is None:
            cached = self._deadlines[key] = self._deadline(ao_code, academic_year)
        return cached

    def _deadline(self, ao_code: str, academic_year: str) -> date:
        exact = self.deadlines.get(f"{ao_code} {academic_year}")
        if exact:
            return date.fromisoformat(exact)
        month_day = self.deadlines.get(ao_code, self.default_deadline)
        month, day = (int(part) for part in month_day.split("-"))
        return date(int(academic_year[:4]) + 1, month, day)


def _build(code: str, params: dict[str, Any]) -> Scheme:
    values = dict(params)
    for key in ("eligible_types", "co_delivery_types"):
        if key in values:
            values[key] = frozenset(values[key])
    return replace(Scheme(code=code, deadlines=dict(getattr(settings, "MEI_SUBMISSION_DEADLINES", {}))), **values)


def scheme_for(ao_code: str) -> Scheme:
    """The scheme for an awarding organisation: its own entry, else the default MEI scheme."""
    schemes: dict[str, dict[str, Any]] = getattr(settings, "COMPLIANCE_SCHEMES", {})
    if ao_code in schemes:
        return _build(ao_code, {**schemes.get(DEFAULT_SCHEME, {}), **schemes[ao_code]})
    return _build(DEFAULT_SCHEME, schemes.get(DEFAULT_SCHEME, {}))
