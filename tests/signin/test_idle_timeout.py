"""Staff, admins and moderators are signed out after STAFF_IDLE_TIMEOUT_MINUTES without a request; learners
and employer contacts are not."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.world import World


def _idle(client: Client, minutes: float) -> None:
    session = client.session
    session["bw_last_seen"] = int(time.time() - minutes * 60)
    session.save()


def _staff_home(world: World) -> str:
    return reverse("staff:home", kwargs={"centre": world.a.centre.number})


@pytest.mark.django_db
def test_idle_staff_are_signed_out_and_sent_back_to_where_they_were(world: World) -> None:
    client = Client()
    client.force_login(world.a.staff)
    assert client.get(_staff_home(world)).status_code == 200
    _idle(client, settings.STAFF_IDLE_TIMEOUT_MINUTES + 1)
    response = client.get(_staff_home(world) + "?year=2025/26")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert "year%3D2025" in response["Location"]
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "signed out because you had not used Bridgework" in page.content.decode()


@pytest.mark.django_db
def test_staff_active_within_the_limit_stay_signed_in(world: World) -> None:
    client = Client()
    client.force_login(world.a.staff)
    client.get(_staff_home(world))
    _idle(client, settings.STAFF_IDLE_TIMEOUT_MINUTES - 1)
    assert client.get(_staff_home(world)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["centre_admin", "moderator", "platform_admin"])
def test_idle_privileged_people_are_signed_out(world: World, role: str) -> None:
    client = Client()
    client.force_login(world.user(role))
    client.get("/")
    _idle(client, settings.STAFF_IDLE_TIMEOUT_MINUTES + 1)
    assert client.get("/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "home"), [("learner", "learner:home"), ("employer_contact", "portal:home")])
def test_idle_learners_and_employers_are_not_signed_out(world: World, role: str, home: str) -> None:
    client = Client()
    client.force_login(world.user(role))
    client.get(reverse(home))
    _idle(client, settings.STAFF_IDLE_TIMEOUT_MINUTES + 60)
    assert client.get(reverse(home)).status_code == 200
    assert "_auth_user_id" in client.session
