from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scope

from bridgework.employers.services.duplicates import probable_duplicates
from bridgework.employers.tests.conftest import make_employer

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing(world: Any) -> Any:
    from django_scopes import scopes_disabled

    with scopes_disabled():
        acme = make_employer(
            world.a.centre,
            "Acme Precision Engineering Ltd",
            postcode="LS1 4AP",
            company_number="01234567",
            trading_name="Acme Precision",
        )
        make_employer(world.a.centre, "Harbour Hotels Group plc", postcode="LS2 7EY")
        # Another centre's employer with the same number is never offered.
        make_employer(world.b.centre, "Acme Precision Engineering Ltd", company_number="07654321", postcode="LS1 4AP")
    return acme


def _find(world: Any, **kwargs: Any) -> list[str]:
    with scope(centre=world.a.centre.pk):
        return [c.employer.legal_name for c in probable_duplicates(**kwargs)]


def test_it_finds_the_same_company_number_whatever_the_name(world: Any, existing: Any) -> None:
    assert _find(world, legal_name="Completely Different Name", company_number="01234567") == [existing.legal_name]


def test_it_finds_the_same_name_with_a_different_suffix_and_punctuation(world: Any, existing: Any) -> None:
    assert _find(world, legal_name="ACME Precision Engineering Limited") == [existing.legal_name]
    assert _find(world, legal_name="Acme Precision Engineering, Ltd.") == [existing.legal_name]


def test_it_finds_a_similar_name_at_the_same_postcode(world: Any, existing: Any) -> None:
    assert _find(world, legal_name="Acme Engineering", postcodes=["ls14ap"]) == [existing.legal_name]


def test_it_matches_trading_names_too(world: Any, existing: Any) -> None:
    assert _find(world, legal_name="Zed Holdings Ltd", trading_name="Acme Precision") == [existing.legal_name]


def test_near_misses_are_not_duplicates(world: Any, existing: Any) -> None:
    # Different firm at the same postcode (a business park): not similar enough.
    assert _find(world, legal_name="Leeds Hair Studio", postcodes=["LS1 4AP"]) == []
    # A similar-sounding firm elsewhere.
    assert _find(world, legal_name="Acme Plumbing Supplies", postcodes=["M1 1AE"]) == []
    # Only the other centre holds this company number.
    assert _find(world, legal_name="Someone Else", company_number="07654321") == []


def test_it_ignores_merged_records(world: Any, existing: Any) -> None:
    from django_scopes import scopes_disabled

    with scopes_disabled():
        kept = make_employer(world.a.centre, "Acme Holdings")
        existing.merged_into = kept
        existing.save()
    assert _find(world, legal_name="Acme Precision Engineering Ltd", company_number="01234567") == []
