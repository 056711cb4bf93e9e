"""API tokens page: list, create (secret shown once), revoke."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.people.models import ApiToken
from bridgework.people.services.tokens import authenticate_token, issue_token
from tests.world import World

pytestmark = pytest.mark.django_db


def _url(world: World, name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"staff:{name}", kwargs={"centre": world.a.centre.number, **kwargs})


def test_creating_shows_the_secret_once_and_it_works(world: World, centre_admin_client: Client) -> None:
    response = centre_admin_client.post(_url(world, "token_create"), {"name": "MIS nightly sync"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "you will not be able to see it again" in page
    with scopes_disabled():
        token = ApiToken.objects.get(name="MIS nightly sync")
    assert token.user == world.a.admin
    secret = page.split('id="secret" type="text" value="', 1)[1].split('"', 1)[0]
    assert authenticate_token(secret) == token
    listing = centre_admin_client.get(_url(world, "token_list")).content.decode()
    assert "MIS nightly sync" in listing and token.prefix in listing and secret not in listing


def test_a_name_is_required(world: World, centre_admin_client: Client) -> None:
    response = centre_admin_client.post(_url(world, "token_create"), {"name": ""})
    assert "Error: Create an API token" in response.content.decode()


def test_the_list_shows_only_this_centres_tokens(world: World, centre_admin_client: Client) -> None:
    issue_token(centre=world.a.centre, user=world.a.staff, name="Alpha token")
    issue_token(centre=world.b.centre, user=world.b.admin, name="Beta token")
    page = centre_admin_client.get(_url(world, "token_list")).content.decode()
    assert "Alpha token" in page and "Beta token" not in page


def test_revoking_stops_the_token(world: World, centre_admin_client: Client) -> None:
    issued = issue_token(centre=world.a.centre, user=world.a.staff, name="Old sync")
    response = centre_admin_client.post(_url(world, "token_revoke", pk=issued.token.pk), follow=True)
    assert "was revoked" in response.content.decode()
    assert authenticate_token(issued.secret) is None
    again = centre_admin_client.post(_url(world, "token_revoke", pk=issued.token.pk), follow=True)
    assert "already revoked" in again.content.decode()


def test_another_centres_token_cannot_be_revoked(world: World, centre_admin_client: Client) -> None:
    issued = issue_token(centre=world.b.centre, user=world.b.admin, name="Beta")
    assert centre_admin_client.post(_url(world, "token_revoke", pk=issued.token.pk)).status_code == 404
    assert authenticate_token(issued.secret) is not None
