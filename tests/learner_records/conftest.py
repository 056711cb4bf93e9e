from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from bridgework.catalogue.models import AwardingOrganisation, Qualification
from bridgework.learners.models import Enrolment, Learner
from bridgework.people.models import Centre
from tests.world import World

VALID_ULNS = ["9276308686", "1830166130", "7030824627", "4518190938"]


def make_learner(centre: Centre, n: int, **extra) -> Learner:  # type: ignore[no-untyped-def]
    """GIVEN a learner at `centre` numbered `n` (unique MIS reference)."""
    values = {
        "given_name": f"Given{n}",
        "family_name": f"Family{n}",
        "date_of_birth": date(2009, 1 + n % 12, 1 + n % 27),
        "mis_ref": f"T{centre.number}{n}"[:12],
    }
    values.update(extra)
    return Learner.objects.create(centre=centre, **values)


def enrol(learner: Learner, qualification: Qualification, year: str = "2025/26") -> Enrolment:
    return Enrolment.objects.create(
        centre_id=learner.centre_id,
        learner=learner,
        qualification=qualification,
        academic_year=year,
        start_date=date(int(year[:4]), 9, 8),
    )


@pytest.fixture
def ocr() -> AwardingOrganisation:
    return AwardingOrganisation.objects.get(code="OCR")


@pytest.fixture
def other_qualification(world: World) -> Qualification:
    return Qualification.objects.exclude(pk=world.qualification.pk).order_by("pk").first()


@pytest.fixture
def staff_client(world: World) -> Client:
    client = Client()
    client.force_login(world.a.staff)
    return client
