"""Centre admins, platform admins and moderators need an authenticator app (RequireMfaMiddleware): without one
they can reach nothing but the set-up pages; with one, sign-in asks for its code. Other roles are not forced."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.signin.helpers import post_password, sign_in, totp_code
from tests.world import World

PRIVILEGED = ("centre_admin", "platform_admin", "moderator")
NOT_FORCED = ("staff", "learner")


def _home_of(world: World, role: str) -> str:
    return {
        "centre_admin": reverse("staff:home", kwargs={"centre": world.a.centre.number}),
        "platform_admin": reverse("platform:home"),
        "moderator": reverse("moderator:home"),
        "staff": reverse("staff:home", kwargs={"centre": world.a.centre.number}),
        "learner": reverse("learner:home"),
        "employer_contact": reverse("portal:home"),
    }[role]


def _without_totp(world: World, role: str):  # type: ignore[no-untyped-def]
    user = world.user(role)
    with scopes_disabled():
        Authenticator.objects.filter(user=user).delete()
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("role", PRIVILEGED)
def test_it_sends_a_privileged_person_without_totp_to_set_it_up_and_blocks_everything_else(
    world: World, role: str
) -> None:
    user = _without_totp(world, role)
    client = Client()
    sign_in(client, user.email)  # no authenticator yet: the password alone signs in
    for path in (_home_of(world, role), "/", reverse("accessibility")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp"), path
    # The set-up page itself, and sign-out, stay reachable.
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "Set up your authenticator app" in page.content.decode()
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", PRIVILEGED)
def test_it_lets_them_in_once_the_authenticator_app_is_on(world: World, role: str) -> None:
    user = _without_totp(world, role)
    client = Client()
    sign_in(client, user.email)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    with scopes_disabled():
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(_home_of(world, role)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", PRIVILEGED)
def test_it_asks_for_the_authenticator_code_at_sign_in(world: World, role: str) -> None:
    user = world.user(role)
    client = Client()
    response = post_password(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Not signed in yet: the staff area still sends them to sign in.
    assert "/accounts/login/" in client.get(_home_of(world, role))["Location"]

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    body = wrong.content.decode()
    assert "<title>Error: Enter your authenticator code" in body
    assert "govuk-error-summary" in body

    right = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert right.status_code == 302
    assert client.get(_home_of(world, role)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", NOT_FORCED)
def test_it_does_not_force_staff_or_learners(world: World, role: str) -> None:
    client = Client()
    sign_in(client, world.user(role).email)
    assert client.get(_home_of(world, role)).status_code == 200


@pytest.mark.django_db
def test_it_does_not_force_employer_contacts(world: World) -> None:
    client = Client()
    client.force_login(world.a.employer_user)
    assert client.get(_home_of(world, "employer_contact")).status_code == 200


@pytest.mark.django_db
def test_a_privileged_person_cannot_turn_the_authenticator_app_off(world: World) -> None:
    client = Client()
    sign_in(client, world.a.admin.email, with_code=True)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "Your role needs an authenticator app" in response.content.decode()
    with scopes_disabled():
        assert Authenticator.objects.filter(user=world.a.admin, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db
def test_staff_promoted_to_centre_admin_mid_session_must_set_up_totp(world: World) -> None:
    from bridgework.people.models import Role
    from bridgework.people.services.centres import grant_role

    client = Client()
    sign_in(client, world.a.staff.email)
    assert client.get(_home_of(world, "staff")).status_code == 200
    with scopes_disabled():
        grant_role(world.a.staff, world.a.centre, Role.CENTRE_ADMIN)
    assert client.get(_home_of(world, "staff"))["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_an_invitation_link_does_not_skip_the_authenticator_code(world: World) -> None:
    from bridgework.people.models import Role
    from bridgework.people.services import invitations

    with scopes_disabled():
        url = invitations.invite(
            centre=world.b.centre, email=world.a.admin.email, role=Role.STAFF, invited_by=world.b.admin, send=False
        ).url
    token = url.rstrip("/").rsplit("/", 1)[-1]
    client = Client()
    response = client.post(
        reverse("invitation_accept", kwargs={"token": token}), {"first_name": "Ada", "last_name": "Alpha"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_someone_whose_role_does_not_need_it_can_turn_the_app_off(world: World) -> None:
    from allauth.mfa.utils import encrypt

    from tests.world import TOTP_SECRET

    with scopes_disabled():
        Authenticator.objects.create(
            user=world.a.staff, type=Authenticator.Type.TOTP, data={"secret": encrypt(TOTP_SECRET)}
        )
    client = Client()
    sign_in(client, world.a.staff.email, with_code=True)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    with scopes_disabled():
        assert not Authenticator.objects.filter(user=world.a.staff, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db
def test_an_htmx_request_without_totp_sends_the_whole_page_to_set_up(world: World) -> None:
    user = _without_totp(world, "centre_admin")
    client = Client()
    sign_in(client, user.email)
    response = client.get(_home_of(world, "centre_admin"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("mfa_activate_totp")
