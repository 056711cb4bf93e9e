"""The checks an invitation passes before it is sent, and withdrawing one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from bridgework.learners.models import Learner
from bridgework.people.models import Invitation, Role
from bridgework.people.services import invitations
from tests.world import World

pytestmark = pytest.mark.django_db


def _invite(world: World, **kwargs):  # type: ignore[no-untyped-def]
    params = {"centre": world.a.centre, "email": "new@example.test", "role": Role.STAFF, "invited_by": world.a.admin}
    params.update(kwargs)
    with scope(centre=world.a.centre.pk):
        return invitations.invite(**params)


def test_it_emails_the_link(world: World) -> None:
    issued = _invite(world)
    assert len(mail.outbox) == 1
    assert issued.url in mail.outbox[0].body
    assert mail.outbox[0].to == ["new@example.test"]


def test_it_refuses_someone_who_already_has_the_role(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        _invite(world, email="STAFF@alpha.test")
    assert raised.value.message_dict["email"] == ["staff@alpha.test is already centre staff at this centre."]
    assert not mail.outbox


def test_it_refuses_a_second_pending_invitation_for_the_same_role(world: World) -> None:
    _invite(world)
    with pytest.raises(ValidationError, match="already has a pending invitation"):
        _invite(world)


def test_it_allows_a_new_invitation_once_the_old_one_expired(world: World) -> None:
    first = _invite(world).invitation
    with scopes_disabled():
        Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert _invite(world).invitation.pk != first.pk


def test_it_refuses_a_learner_record_that_already_has_an_account(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        _invite(world, role=Role.LEARNER, learner=world.a.learner)
    assert raised.value.message_dict["learner"] == [f"{world.a.learner.full_name} already has an account."]


def test_it_refuses_a_learner_record_of_another_centre(world: World) -> None:
    with scopes_disabled():
        Learner.objects.filter(pk=world.b.learner.pk).update(user=None)
        world.b.learner.refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        _invite(world, role=Role.LEARNER, learner=world.b.learner)
    assert raised.value.message_dict["learner"] == ["Choose a learner of this centre."]


def test_it_withdraws_a_pending_invitation_and_the_link_stops_working(world: World) -> None:
    issued = _invite(world)
    token = issued.url.rstrip("/").rsplit("/", 1)[-1]
    invitations.revoke(issued.invitation)
    assert issued.invitation.state == "revoked"
    with pytest.raises(invitations.InvitationError, match="withdrawn"):
        invitations.find_invitation(token)


def test_it_cannot_withdraw_an_accepted_invitation(world: World) -> None:
    issued = _invite(world)
    token = issued.url.rstrip("/").rsplit("/", 1)[-1]
    invitations.accept(token, first_name="New", last_name="Person", password="a-long-password-1")
    with pytest.raises(invitations.InvitationError, match="accepted"):
        invitations.revoke(issued.invitation)


def test_a_learner_record_gets_one_live_invitation_at_a_time(world: World) -> None:
    with scopes_disabled():
        learner = Learner.objects.create(
            centre=world.a.centre, given_name="Kai", family_name="Noor", date_of_birth="2009-04-04"
        )
    _invite(world, email="kai@example.test", role=Role.LEARNER, learner=learner)
    with pytest.raises(ValidationError) as raised:
        _invite(world, email="kai.noor@example.test", role=Role.LEARNER, learner=learner)
    assert raised.value.message_dict["learner"] == [
        "Kai Noor already has a pending invitation (kai@example.test). Withdraw it first if you want to send a new one."
    ]
