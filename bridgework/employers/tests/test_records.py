from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from bridgework.catalogue.models import Sector
from bridgework.employers.models import Employer, EmployerSite
from bridgework.employers.services.records import add_site, create_employer, main_site_at, record_check


def test_a_new_primary_site_demotes_the_previous_one(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        first = add_site(employer, EmployerSite(name="Works", postcode="LS10 1QN", is_primary=True))
        add_site(employer, EmployerSite(name="Depot", postcode="WF1 2EB", is_primary=False))
        assert EmployerSite.objects.get(pk=first.pk).is_primary  # a non-primary site changes nothing
        second = add_site(employer, EmployerSite(name="Head office", postcode="LS1 4AP", is_primary=True))
        primaries = list(EmployerSite.objects.filter(employer=employer, is_primary=True).values_list("pk", flat=True))
        assert primaries == [second.pk]
        assert second.centre_id == employer.centre_id


def test_a_recorded_check_belongs_to_the_employers_centre(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        check = record_check(
            employer,
            kind="elci",
            checked_on=date(2026, 1, 5),
            expires_on=date(2027, 1, 4),
            details={"insurer": "Aviva", "policy_number": "P-1"},
            recorded_by=world.a.staff,
        )
        assert (check.centre_id, check.employer_id, bool(check.certificate)) == (employer.centre_id, employer.pk, False)


def test_a_new_employer_gets_its_sectors_and_its_main_site(world: Any) -> None:
    sector = Sector.objects.get(name="Engineering")
    with scopes_disabled():
        employer = create_employer(
            Employer(centre=world.a.centre, legal_name="Forge Ltd"),
            sectors=[sector],
            main_site=main_site_at(" ls1   4ap"),
        )
        site = employer.sites.get()
        assert (site.name, site.postcode, site.is_primary) == ("Main site", "LS1 4AP", True)
        assert list(employer.sectors.all()) == [sector]
        assert not create_employer(Employer(centre=world.a.centre, legal_name="Siteless Ltd")).sites.exists()


def test_a_new_employer_with_a_bad_postcode_is_not_saved(world: Any) -> None:
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            create_employer(Employer(centre=world.a.centre, legal_name="Forge Ltd"), main_site=main_site_at("NOWHERE"))
        assert refused.value.message_dict == {"postcode": ["Enter a UK postcode, like LS1 4AP."]}
        assert not Employer.objects.exists()
