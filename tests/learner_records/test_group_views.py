"""Teaching group pages: list per year, create/edit, add and remove members."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.learners.models import TeachingGroup
from tests.learner_records.conftest import enrol, make_learner
from tests.world import World

pytestmark = pytest.mark.django_db


def _url(world: World, name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"staff:{name}", kwargs={"centre": world.a.centre.number, **kwargs})


def test_the_list_shows_groups_of_the_chosen_year(world: World, staff_client: Client) -> None:
    with scopes_disabled():
        TeachingGroup.objects.create(
            centre=world.a.centre, name="NEXT-1", qualification=world.qualification, academic_year="2026/27"
        )
    page = staff_client.get(_url(world, "group_list"), {"year": "2025/26"}).content.decode()
    assert "ENG-1" in page and "NEXT-1" not in page and world.a.staff.display_name in page
    page = staff_client.get(_url(world, "group_list"), {"year": "2026/27"}).content.decode()
    assert "NEXT-1" in page and "ENG-1" not in page


def test_creating_a_group(world: World, staff_client: Client) -> None:
    form = staff_client.get(_url(world, "group_create")).content.decode()
    assert world.a.staff.email in form and world.a.learner_user.email not in form and world.b.staff.email not in form
    response = staff_client.post(
        _url(world, "group_create"),
        {
            "name": "ENG-2",
            "qualification": world.qualification.pk,
            "academic_year": "2025/26",
            "tutor": world.a.admin.pk,
        },
    )
    with scopes_disabled():
        group = TeachingGroup.objects.get(name="ENG-2")
    assert response["Location"] == _url(world, "group_detail", pk=group.pk)
    assert group.tutor == world.a.admin


def test_a_duplicate_name_is_a_field_error(world: World, staff_client: Client) -> None:
    response = staff_client.post(
        _url(world, "group_edit", pk=world.a.group.pk),
        {"name": "ENG-1", "qualification": world.qualification.pk, "academic_year": "2025/26", "tutor": ""},
    )
    assert response.status_code == 302  # its own name is fine
    with scopes_disabled():
        TeachingGroup.objects.create(
            centre=world.a.centre, name="ENG-2", qualification=world.qualification, academic_year="2025/26"
        )
    response = staff_client.post(
        _url(world, "group_edit", pk=world.a.group.pk),
        {"name": "ENG-2", "qualification": world.qualification.pk, "academic_year": "2025/26", "tutor": ""},
    )
    assert "There is already a group called ENG-2 in 2025/26." in response.content.decode()


def test_members_offered_are_only_eligible_enrolments(world: World, staff_client: Client, other_qualification) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        eligible = enrol(make_learner(world.a.centre, 1, family_name="Eligible"), world.qualification)
        enrol(make_learner(world.a.centre, 2, family_name="Otherqual"), other_qualification)
        enrol(make_learner(world.a.centre, 3, family_name="Nextyear"), world.qualification, "2026/27")
    page = staff_client.get(_url(world, "group_detail", pk=world.a.group.pk)).content.decode()
    assert "Eligible" in page and "Otherqual" not in page and "Nextyear" not in page
    response = staff_client.post(_url(world, "group_member_add", pk=world.a.group.pk), {"enrolments": [eligible.pk]})
    assert response.status_code == 302
    with scopes_disabled():
        assert eligible in world.a.group.enrolments.all()


def test_adding_an_ineligible_enrolment_is_refused_with_the_reason(
    world: World, staff_client: Client, other_qualification
) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        wrong = enrol(make_learner(world.a.centre, 2, family_name="Otherqual"), other_qualification)
    response = staff_client.post(_url(world, "group_member_add", pk=world.a.group.pk), {"enrolments": [wrong.pk]})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"A group only holds enrolments on {world.qualification.title} in 2025/26" in page
    with scopes_disabled():
        assert wrong not in world.a.group.enrolments.all()


def test_another_centres_enrolment_is_not_a_valid_choice(world: World, staff_client: Client) -> None:
    response = staff_client.post(
        _url(world, "group_member_add", pk=world.a.group.pk), {"enrolments": [world.b.enrolment.pk]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_removing_a_member(world: World, staff_client: Client) -> None:
    response = staff_client.post(
        _url(world, "group_member_remove", pk=world.a.group.pk, enrolment_pk=world.a.enrolment.pk), follow=True
    )
    assert "removed from ENG-1" in response.content.decode()
    with scopes_disabled():
        assert not world.a.group.enrolments.exists()
