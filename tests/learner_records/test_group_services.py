"""Teaching groups hold only enrolments on their qualification and year; tutors are the centre's staff."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from bridgework.learners.services.groups import GroupDetails, add_members, remove_member, save_group
from tests.learner_records.conftest import enrol, make_learner
from tests.world import World

pytestmark = pytest.mark.django_db


def test_it_creates_a_group_with_a_staff_tutor(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        group = save_group(
            centre=world.a.centre, details=GroupDetails(" ENG  2 ", world.qualification, "2025/26", world.a.staff)
        )
    assert (group.name, group.tutor) == ("ENG 2", world.a.staff)


@pytest.mark.parametrize("who", ["learner_user", "employer_user"])
def test_it_refuses_a_tutor_who_is_not_staff_here(world: World, who: str) -> None:
    tutor = getattr(world.a, who)
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        save_group(centre=world.a.centre, details=GroupDetails("X", world.qualification, "2025/26", tutor))
    assert "is not an active member of staff at this centre" in raised.value.message_dict["tutor"][0]


def test_it_refuses_another_centres_staff_as_tutor(world: World) -> None:
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError, match="not an active member of staff"):
        save_group(centre=world.a.centre, details=GroupDetails("X", world.qualification, "2025/26", world.b.staff))


def test_it_refuses_a_duplicate_name_in_the_same_year(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        with pytest.raises(ValidationError) as raised:
            save_group(centre=world.a.centre, details=GroupDetails("eng-1", world.qualification, "2025/26"))
        assert save_group(centre=world.a.centre, details=GroupDetails("ENG-1", world.qualification, "2026/27")).pk
    assert raised.value.message_dict["name"] == ["There is already a group called eng-1 in 2025/26."]


def test_it_adds_matching_enrolments_and_ignores_existing_members(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        newcomer = enrol(make_learner(world.a.centre, 1), world.qualification)
        added = add_members(world.a.group, [newcomer, world.a.enrolment])
        assert added == 1
        assert set(world.a.group.enrolments.all()) == {newcomer, world.a.enrolment}


def test_it_refuses_an_enrolment_on_another_qualification_or_year(world: World, other_qualification) -> None:  # type: ignore[no-untyped-def]
    with scope(centre=world.a.centre.pk):
        learner = make_learner(world.a.centre, 1)
        fine = enrol(make_learner(world.a.centre, 2), world.qualification)
        wrong_qualification = enrol(learner, other_qualification)
        wrong_year = enrol(learner, world.qualification, "2026/27")
        with pytest.raises(ValidationError) as raised:
            add_members(world.a.group, [fine, wrong_qualification, wrong_year])
        assert list(world.a.group.enrolments.all()) == [world.a.enrolment]  # nothing added
    message = raised.value.message_dict["enrolments"][0]
    assert message.startswith(f"A group only holds enrolments on {world.qualification.title} in 2025/26.")
    assert other_qualification.title in message
    assert "2026/27" in message


def test_it_refuses_another_centres_enrolment(world: World) -> None:
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError, match="Not added"):
        add_members(world.a.group, [world.b.enrolment])


def test_it_refuses_to_change_the_qualification_of_a_group_with_members(world: World, other_qualification) -> None:  # type: ignore[no-untyped-def]
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        save_group(
            centre=world.a.centre,
            group=world.a.group,
            details=GroupDetails("ENG-1", other_qualification, "2025/26", world.a.staff),
        )
    assert "Remove them before" in raised.value.message_dict["qualification"][0]


def test_it_removes_a_member(world: World) -> None:
    with scope(centre=world.a.centre.pk):
        remove_member(world.a.group, world.a.enrolment)
        assert not world.a.group.enrolments.exists()
        with pytest.raises(ValidationError, match="is not in ENG-1"):
            remove_member(world.a.group, world.a.enrolment)
