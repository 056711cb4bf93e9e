"""Employer fixtures built on the shared test world (centre A unless said otherwise)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bridgework.employers.models import Affiliation, Agreement, Employer, EmployerPerson, EmployerSite


def make_employer(centre: Any, legal_name: str, *, postcode: str = "", **extra: Any) -> Employer:
    """GIVEN a centre WHEN an employer is needed THEN one with an optional main site is made."""
    employer = Employer.objects.create(centre=centre, legal_name=legal_name, **extra)
    if postcode:
        EmployerSite.objects.create(centre=centre, employer=employer, name="Main site", postcode=postcode)
    return employer


def make_person(employer: Employer, given: str = "Priya", family: str = "Nair", **extra: Any) -> EmployerPerson:
    person = EmployerPerson.objects.create(centre=employer.centre, given_name=given, family_name=family, **extra)
    Affiliation.objects.create(centre=employer.centre, person=person, employer=employer)
    return person


@pytest.fixture
def employer(world: Any) -> Employer:
    return make_employer(world.a.centre, "Acme Precision Engineering Ltd", postcode="LS1 4AP")


@pytest.fixture
def contact(world: Any, employer: Employer) -> EmployerPerson:
    return make_person(employer, user=world.a.employer_user, may_use_portal=True, email=world.a.employer_user.email)


@pytest.fixture
def agreement(world: Any, employer: Employer, contact: EmployerPerson) -> Agreement:
    return Agreement.objects.create(
        centre=world.a.centre,
        employer=employer,
        learner=world.a.learner,
        employer_contact=contact,
        title="Work placement in the machine shop",
        objectives="Learn CNC setup",
        learning_outcomes="Set up a lathe safely",
        methods="Observed practice",
        protocols="Weekly check-in",
        data_shared="Attendance and progress reviews",
        data_sharing_purpose="So the supervisor can support the learner",
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 7, 17),
        created_by=world.a.staff,
    )
