"""Learner records: identifiers validated, uniqueness per centre, numbers written with the learner or not at all."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope

from bridgework.catalogue.models import AwardingOrganisation
from bridgework.learners.models import Enrolment, Learner, LearnerAwardingNumber
from bridgework.learners.services.records import (
    EnrolmentDetails,
    LearnerDetails,
    awarding_number_key,
    save_enrolment,
    save_learner,
)
from tests.learner_records.conftest import VALID_ULNS, make_learner
from tests.world import World

pytestmark = pytest.mark.django_db


def _details(**extra) -> LearnerDetails:  # type: ignore[no-untyped-def]
    values = {"given_name": "Asha", "family_name": "Patel", "date_of_birth": date(2009, 5, 4)}
    values.update(extra)
    return LearnerDetails(**values)


def test_it_creates_a_learner_with_awarding_numbers(world: World, ocr: AwardingOrganisation) -> None:
    with scope(centre=world.a.centre.pk):
        learner = save_learner(
            centre=world.a.centre,
            details=_details(uln=VALID_ULNS[0], mis_ref=" RC123 ", ehc_plan=True, awarding_numbers={ocr.pk: "0042"}),
        )
        assert (learner.uln, learner.mis_ref, learner.ehc_plan) == (VALID_ULNS[0], "RC123", True)
        assert [n.number for n in learner.awarding_numbers.all()] == ["0042"]


@pytest.mark.parametrize(
    ("uln", "message"),
    [
        ("9276308687", "This ULN fails its check digit"),
        ("9999999999", "This ULN fails its check digit"),
        ("0123456789", "A ULN cannot start with 0."),
        ("12345", "A ULN is exactly 10 digits"),
    ],
)
def test_it_refuses_an_invalid_uln(world: World, uln: str, message: str) -> None:
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        save_learner(centre=world.a.centre, details=_details(uln=uln))
    assert raised.value.message_dict["uln"][0].startswith(message)


def test_it_refuses_a_mis_reference_another_learner_has(world: World) -> None:
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        save_learner(centre=world.a.centre, details=_details(mis_ref=world.a.learner.mis_ref.lower()))
    assert raised.value.message_dict["mis_ref"] == [
        f"Another learner at this centre already has MIS reference {world.a.learner.mis_ref.lower()} "
        f"({world.a.learner.full_name})."
    ]


def test_the_same_mis_reference_is_fine_at_another_centre(world: World) -> None:
    with scope(centre=world.b.centre.pk):
        assert save_learner(centre=world.b.centre, details=_details(mis_ref=world.a.learner.mis_ref)).pk


def test_it_refuses_a_uln_another_learner_has(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        make_learner(world.a.centre, 1, uln=VALID_ULNS[1])
        with pytest.raises(ValidationError) as raised:
            save_learner(centre=world.a.centre, details=_details(uln=VALID_ULNS[1]))
    assert "already has ULN 1830166130" in raised.value.message_dict["uln"][0]


def test_a_clashing_awarding_number_saves_nothing_and_names_the_field(world: World, ocr: AwardingOrganisation) -> None:
    with scope(centre=world.a.centre.pk):
        other = make_learner(world.a.centre, 1)
        LearnerAwardingNumber.objects.create(
            centre=world.a.centre, learner=other, awarding_organisation=ocr, number="0042"
        )
        before = Learner.objects.count()
        with pytest.raises(ValidationError) as raised:
            save_learner(
                centre=world.a.centre,
                details=_details(mis_ref="NEW1", uln="bad", awarding_numbers={ocr.pk: "0042"}),
            )
        assert Learner.objects.count() == before
    errors = raised.value.message_dict
    assert errors[awarding_number_key(ocr.pk)] == [
        f"Another learner at this centre already has OCR candidate number 0042 ({other.full_name})."
    ]
    assert "uln" in errors  # every problem at once


def test_editing_keeps_own_identifiers_and_removes_a_blanked_number(world: World, ocr: AwardingOrganisation) -> None:
    with scope(centre=world.a.centre.pk):
        learner = save_learner(
            centre=world.a.centre, details=_details(mis_ref="RC9", uln=VALID_ULNS[2], awarding_numbers={ocr.pk: "7"})
        )
        save_learner(
            centre=world.a.centre,
            learner=learner,
            details=_details(given_name="Ash", mis_ref="RC9", uln=VALID_ULNS[2], awarding_numbers={ocr.pk: ""}),
        )
        learner.refresh_from_db()
        assert learner.given_name == "Ash"
        assert not learner.awarding_numbers.exists()


def test_it_refuses_a_birth_date_in_the_future(world: World) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        save_learner(centre=world.a.centre, details=_details(date_of_birth=tomorrow))
    assert raised.value.message_dict["date_of_birth"] == ["The date of birth must be in the past."]


def test_it_enrols_and_refuses_the_same_qualification_twice_in_a_year(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        learner = make_learner(world.a.centre, 1)
        details = EnrolmentDetails(world.qualification, "2025/26", date(2025, 9, 8))
        save_enrolment(learner=learner, details=details)
        with pytest.raises(ValidationError) as raised:
            save_enrolment(learner=learner, details=details)
        assert Enrolment.objects.filter(learner=learner).count() == 1
        # the next year is a different enrolment
        save_enrolment(learner=learner, details=EnrolmentDetails(world.qualification, "2026/27", date(2026, 9, 7)))
    assert "is already enrolled on" in raised.value.message_dict["qualification"][0]
    assert "in 2025/26" in raised.value.message_dict["qualification"][0]


@pytest.mark.parametrize("year", ["2025/27", "2025-26", "25/26", ""])
def test_it_refuses_a_malformed_academic_year(world: World, year: str) -> None:
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        save_enrolment(learner=world.a.learner, details=EnrolmentDetails(world.qualification, year, date(2025, 9, 8)))
    assert raised.value.message_dict["academic_year"] == ["Enter an academic year like 2025/26."]


def test_an_enrolment_in_a_group_keeps_its_qualification(world: World, other_qualification) -> None:  # type: ignore[no-untyped-def]
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        save_enrolment(
            learner=world.a.learner,
            enrolment=world.a.enrolment,
            details=EnrolmentDetails(other_qualification, "2025/26", date(2025, 9, 8)),
        )
    assert "in the teaching group ENG-1" in raised.value.message_dict["qualification"][0]


def test_an_enrolment_in_a_group_can_change_status(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        save_enrolment(
            learner=world.a.learner,
            enrolment=world.a.enrolment,
            details=EnrolmentDetails(world.qualification, "2025/26", date(2025, 9, 15), status="withdrawn"),
        )
    world.a.enrolment.refresh_from_db()
    assert (world.a.enrolment.status, world.a.enrolment.start_date) == ("withdrawn", date(2025, 9, 15))
