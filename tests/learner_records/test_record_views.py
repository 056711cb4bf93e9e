"""Learner and enrolment forms: clear field errors, nothing half-saved, links from the learner page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.catalogue.models import AwardingOrganisation
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Enrolment, Learner
from bridgework.learners.services.records import awarding_number_key
from tests.learner_records.conftest import VALID_ULNS
from tests.world import World

pytestmark = pytest.mark.django_db


def _url(world: World, name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"staff:{name}", kwargs={"centre": world.a.centre.number, **kwargs})


def _learner_form(**extra) -> dict[str, object]:  # type: ignore[no-untyped-def]
    data: dict[str, object] = {"given_name": "Asha", "family_name": "Patel", "date_of_birth": "2009-05-04"}
    data.update(extra)
    return data


def test_adding_a_learner_then_enrolling_them(world: World, staff_client: Client, ocr: AwardingOrganisation) -> None:
    response = staff_client.post(
        _url(world, "learner_create"),
        _learner_form(uln=VALID_ULNS[0], mis_ref="RC77", ehc_plan="on", **{awarding_number_key(ocr.pk): "0077"}),
    )
    with scopes_disabled():
        learner = Learner.objects.get(mis_ref="RC77")
    assert response["Location"] == _url(world, "learner_enrolment_create", pk=learner.pk)
    form = staff_client.get(response["Location"]).content.decode()
    assert f'value="{academic_year_of(timezone.localdate())}"' in form  # the current academic year is suggested
    response = staff_client.post(
        response["Location"],
        {
            "qualification": world.qualification.pk,
            "academic_year": "2025/26",
            "start_date": "2025-09-08",
            "status": "active",
        },
    )
    assert response["Location"] == _url(world, "learner_detail", pk=learner.pk)
    page = staff_client.get(response["Location"]).content.decode()
    assert world.qualification.title in page
    assert "0077" in page and "EHC plan" in page


def test_a_bad_uln_and_a_taken_mis_reference_show_on_their_fields(world: World, staff_client: Client) -> None:
    response = staff_client.post(
        _url(world, "learner_create"), _learner_form(uln="9276308687", mis_ref=world.a.learner.mis_ref)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Error: Add a learner" in page
    assert "This ULN fails its check digit" in page
    assert f"Another learner at this centre already has MIS reference {world.a.learner.mis_ref}" in page
    assert 'href="#id_uln"' in page and 'href="#id_mis_ref"' in page
    assert 'value="Asha"' in page  # nothing typed is lost
    with scopes_disabled():
        assert not Learner.objects.filter(given_name="Asha").exists()


def test_editing_a_learner(world: World, staff_client: Client) -> None:
    url = _url(world, "learner_edit", pk=world.a.learner.pk)
    form = staff_client.get(url).content.decode()
    assert world.a.learner.mis_ref in form
    response = staff_client.post(
        url, _learner_form(given_name="Leah", family_name=world.a.learner.family_name, mis_ref=world.a.learner.mis_ref)
    )
    assert response.status_code == 302
    world.a.learner.refresh_from_db()
    assert world.a.learner.given_name == "Leah"


def test_enrolling_twice_in_a_year_is_a_friendly_error(world: World, staff_client: Client) -> None:
    response = staff_client.post(
        _url(world, "learner_enrolment_create", pk=world.a.learner.pk),
        {
            "qualification": world.qualification.pk,
            "academic_year": "2025/26",
            "start_date": "2025-09-08",
            "status": "active",
        },
    )
    assert f"is already enrolled on {world.qualification.title} in 2025/26" in response.content.decode()
    with scopes_disabled():
        assert Enrolment.objects.filter(learner=world.a.learner).count() == 1


def test_a_malformed_academic_year_is_refused(world: World, staff_client: Client) -> None:
    response = staff_client.post(
        _url(world, "learner_enrolment_edit", pk=world.a.learner.pk, enrolment_pk=world.a.enrolment.pk),
        {
            "qualification": world.qualification.pk,
            "academic_year": "2025/2026",
            "start_date": "2025-09-08",
            "status": "active",
        },
    )
    assert "Enter an academic year like 2025/26." in response.content.decode()


def test_an_enrolment_of_another_learner_is_not_found(world: World, staff_client: Client) -> None:
    with scopes_disabled():
        other = Learner.objects.create(
            centre=world.a.centre, given_name="O", family_name="Ther", date_of_birth="2009-01-01"
        )
    url = _url(world, "learner_enrolment_edit", pk=other.pk, enrolment_pk=world.a.enrolment.pk)
    assert staff_client.get(url).status_code == 404


def test_the_learner_page_links_to_the_forms_for_staff(world: World, staff_client: Client) -> None:
    page = staff_client.get(_url(world, "learner_detail", pk=world.a.learner.pk)).content.decode()
    assert _url(world, "learner_edit", pk=world.a.learner.pk) in page
    assert _url(world, "learner_enrolment_create", pk=world.a.learner.pk) in page
    assert _url(world, "learner_enrolment_edit", pk=world.a.learner.pk, enrolment_pk=world.a.enrolment.pk) in page
