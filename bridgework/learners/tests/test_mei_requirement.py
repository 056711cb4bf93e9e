"""The MEI-required rule (domain.md §1–2) at its boundaries."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from bridgework.learners.mei import (
    LEARNER_AGE_OUT_OF_SCOPE,
    QUALIFICATION_NOT_REQUIRED,
    REQUIRED_BY_AGE,
    REQUIRED_BY_EHC_PLAN,
    funding_year_31_august,
    mei_requirement,
)

START = date(2025, 9, 8)  # funding year 2025/26: the age that matters is on 31 August 2025


def rule(birth: date, *, ehc: bool = False, requires: bool = True, start: date = START):  # type: ignore[no-untyped-def]
    return mei_requirement(requires_mei=requires, date_of_birth=birth, ehc_plan=ehc, programme_start=start)


def test_the_reference_day_is_31_august_at_the_start_of_the_funding_year() -> None:
    assert funding_year_31_august(date(2025, 9, 8)) == date(2025, 8, 31)
    assert funding_year_31_august(date(2026, 2, 1)) == date(2025, 8, 31)  # a January start, same year
    assert funding_year_31_august(date(2026, 8, 1)) == date(2026, 8, 31)


def test_turning_19_on_31_august_is_out_of_scope() -> None:
    result = rule(date(2006, 8, 31))
    assert (result.required, result.code, result.age_on_31_august) == (False, LEARNER_AGE_OUT_OF_SCOPE, 19)


def test_turning_19_on_1_september_is_still_16_to_18() -> None:
    result = rule(date(2006, 9, 1))
    assert (result.required, result.code, result.age_on_31_august) == (True, REQUIRED_BY_AGE, 18)


def test_learner_who_turns_19_during_the_programme_stays_in_scope() -> None:
    # 18 on 31 August 2025, 19 by the June deadline: still 16 to 18 for the whole programme.
    assert rule(date(2006, 10, 1)).required


def test_sixteen_on_31_august_is_required_and_fifteen_is_not() -> None:
    assert rule(date(2009, 8, 31)).code == REQUIRED_BY_AGE
    assert rule(date(2009, 9, 1)).code == LEARNER_AGE_OUT_OF_SCOPE


def test_ehc_plan_at_24_is_required() -> None:
    result = rule(date(2001, 8, 31), ehc=True)  # 24 on 31 August 2025
    assert (result.required, result.code, result.age_on_31_august) == (True, REQUIRED_BY_EHC_PLAN, 24)


def test_ehc_plan_at_25_is_out_of_scope() -> None:
    result = rule(date(2000, 8, 31), ehc=True)  # 25 on 31 August 2025
    assert (result.required, result.code) == (False, LEARNER_AGE_OUT_OF_SCOPE)
    assert "EHC plan" in result.message


def test_without_ehc_plan_20_is_out_of_scope() -> None:
    assert rule(date(2005, 3, 1)).code == LEARNER_AGE_OUT_OF_SCOPE


def test_applied_general_never_requires_mei_whatever_the_age() -> None:
    result = rule(date(2009, 1, 1), requires=False)
    assert (result.required, result.code) == (False, QUALIFICATION_NOT_REQUIRED)


@pytest.mark.django_db
def test_applied_general_in_the_shipped_catalogue_does_not_require_mei() -> None:
    from bridgework.catalogue.models import DfeCategory, Qualification

    assert not Qualification.objects.filter(dfe_category=DfeCategory.APPLIED_GENERAL, requires_mei=True).exists()
    assert Qualification.objects.filter(dfe_category=DfeCategory.TECH_LEVEL, requires_mei=False).count() == 0


@override_settings(MEI_EHC_AGE_MAX=25)
def test_the_ehc_age_limit_is_a_setting() -> None:
    assert rule(date(2000, 8, 31), ehc=True).required
