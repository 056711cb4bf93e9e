"""Deactivate, reactivate and change role: access stops at once, tokens go, a centre keeps an administrator."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from bridgework.core.roles import roles_for
from bridgework.people.models import ApiToken, Membership, Role
from bridgework.people.services import memberships
from bridgework.people.services.centres import grant_role
from bridgework.people.services.tokens import authenticate_token, issue_token
from tests.world import World, make_user

pytestmark = pytest.mark.django_db


def _membership(user, centre, role: str) -> Membership:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        return Membership.objects.select_related("user").get(user=user, centre=centre, role=role)


def test_it_deactivates_a_staff_member_and_revokes_their_tokens_at_that_centre_only(world: World) -> None:
    # GIVEN a staff member with tokens at centres A and B
    grant_role(world.a.staff, world.b.centre, Role.STAFF)
    token_a = issue_token(centre=world.a.centre, user=world.a.staff, name="A")
    token_b = issue_token(centre=world.b.centre, user=world.a.staff, name="B")
    membership = _membership(world.a.staff, world.a.centre, Role.STAFF)
    # WHEN centre A's admin deactivates them
    with scope(centre=world.a.centre.pk):
        memberships.deactivate(membership, by=world.a.admin)
    # THEN they have no role at A, their A token is revoked and refused, their B token still works
    membership.refresh_from_db()
    assert not membership.is_active
    assert membership.deactivated_by == world.a.admin
    assert membership.deactivated_at is not None
    world.a.staff.refresh_from_db()
    assert roles_for(world.a.staff).at(world.a.centre.pk) == frozenset()
    with scopes_disabled():
        assert ApiToken.objects.get(pk=token_a.token.pk).revoked_at is not None
        assert ApiToken.objects.get(pk=token_b.token.pk).revoked_at is None
    assert authenticate_token(token_a.secret) is None
    assert authenticate_token(token_b.secret) is not None


def test_it_refuses_to_deactivate_the_last_active_administrator(world: World) -> None:
    membership = _membership(world.a.admin, world.a.centre, Role.CENTRE_ADMIN)
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        memberships.deactivate(membership, by=world.a.admin)
    assert "only active centre administrator" in raised.value.messages[0]
    assert "your own administrator role" in raised.value.messages[0]
    membership.refresh_from_db()
    assert membership.is_active


def test_it_lets_an_administrator_step_down_when_another_remains(world: World) -> None:
    second = make_user("second.admin@alpha.test")
    grant_role(second, world.a.centre, Role.CENTRE_ADMIN)
    membership = _membership(world.a.admin, world.a.centre, Role.CENTRE_ADMIN)
    with scope(centre=world.a.centre.pk):
        memberships.deactivate(membership, by=world.a.admin)
    membership.refresh_from_db()
    assert not membership.is_active


def test_it_refuses_to_demote_the_last_administrator_to_staff(world: World) -> None:
    membership = _membership(world.a.admin, world.a.centre, Role.CENTRE_ADMIN)
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        memberships.change_role(membership, role=Role.STAFF, department=None, by=world.a.admin)
    assert "only active centre administrator" in str(raised.value)
    membership.refresh_from_db()
    assert membership.role == Role.CENTRE_ADMIN


def test_it_promotes_staff_to_administrator_and_changes_department(world: World) -> None:
    membership = _membership(world.a.staff, world.a.centre, Role.STAFF)
    with scopes_disabled():
        from bridgework.people.models import Department

        business = Department.objects.create(centre=world.a.centre, name="Business")
    with scope(centre=world.a.centre.pk):
        memberships.change_role(membership, role=Role.CENTRE_ADMIN, department=business, by=world.a.admin)
    membership.refresh_from_db()
    assert (membership.role, membership.department) == (Role.CENTRE_ADMIN, business)
    world.a.staff.refresh_from_db()
    assert "centre_admin" in roles_for(world.a.staff).at(world.a.centre.pk)


def test_it_refuses_a_department_of_another_centre(world: World) -> None:
    membership = _membership(world.a.staff, world.a.centre, Role.STAFF)
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        memberships.change_role(membership, role=Role.STAFF, department=world.b.department, by=world.a.admin)
    assert raised.value.message_dict["department"] == ["Choose a department of this centre."]


def test_it_refuses_to_turn_a_learner_into_staff(world: World) -> None:
    membership = _membership(world.a.learner_user, world.a.centre, Role.LEARNER)
    with scope(centre=world.a.centre.pk), pytest.raises(ValidationError) as raised:
        memberships.change_role(membership, role=Role.STAFF, department=None, by=world.a.admin)
    assert "Invite the person instead" in raised.value.message_dict["role"][0]


def test_it_reactivates_a_deactivated_membership(world: World) -> None:
    membership = _membership(world.a.staff, world.a.centre, Role.STAFF)
    with scope(centre=world.a.centre.pk):
        memberships.deactivate(membership, by=world.a.admin)
        memberships.reactivate(membership)
    membership.refresh_from_db()
    assert membership.is_active
    assert membership.deactivated_at is None
    world.a.staff.refresh_from_db()
    assert "staff" in roles_for(world.a.staff).at(world.a.centre.pk)


def test_it_says_when_a_membership_is_already_deactivated(world: World) -> None:
    membership = _membership(world.a.staff, world.a.centre, Role.STAFF)
    with scope(centre=world.a.centre.pk):
        memberships.deactivate(membership, by=world.a.admin)
        with pytest.raises(ValidationError, match="already deactivated"):
            memberships.deactivate(membership, by=world.a.admin)
