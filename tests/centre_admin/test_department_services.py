from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from bridgework.people.services.departments import create_department, rename_department
from tests.world import World

pytestmark = pytest.mark.django_db


def test_it_adds_a_department_with_tidied_spaces(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        department = create_department(centre=world.a.centre, name="  Health   and Care ")
    assert department.name == "Health and Care"


def test_it_refuses_a_duplicate_name_whatever_the_case(world: World) -> None:
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        create_department(centre=world.a.centre, name="engineering")
    assert raised.value.message_dict["name"] == ["This centre already has a department called Engineering."]


def test_the_same_name_is_fine_at_another_centre(world: World) -> None:
    with scope(centre=world.b.centre.pk):
        assert create_department(centre=world.b.centre, name="Business").pk


def test_it_renames_and_refuses_a_clash(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        other = create_department(centre=world.a.centre, name="Business")
        rename_department(world.a.department, name="Engineering and Digital")
        with pytest.raises(ValidationError, match="already has a department called Business"):
            rename_department(world.a.department, name="business")
        world.a.department.refresh_from_db()
    assert world.a.department.name == "Engineering and Digital"
    assert other.name == "Business"


def test_it_refuses_a_blank_name(world: World) -> None:
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError, match="Enter the department"):
        create_department(centre=world.a.centre, name="   ")
