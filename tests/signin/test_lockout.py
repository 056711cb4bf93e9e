"""django-axes: AXES_FAILURE_LIMIT wrong passwords for one email from one IP lock that email from that IP for
the cool-off. Another IP, or another email, is not locked. The locked page is GOV.UK-styled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.signin.helpers import post_password
from tests.world import World

HOME_IP = "192.0.2.10"
OTHER_IP = "198.51.100.20"


def _fail(client: Client, email: str, times: int, ip: str = HOME_IP) -> list[int]:
    return [post_password(client, email, "wrong-password-123", REMOTE_ADDR=ip).status_code for _ in range(times)]


def _signed_in(response, client: Client) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.django_db
def test_wrong_passwords_lock_that_email_from_that_ip(world: World) -> None:
    email = world.a.staff.email
    client = Client()
    statuses = _fail(client, email, settings.AXES_FAILURE_LIMIT)
    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)  # "not correct" form errors first
    assert statuses[-1] == 429
    # Now even the right password is refused from this IP, with the GOV.UK locked page.
    response = post_password(client, email, REMOTE_ADDR=HOME_IP)
    assert response.status_code == 429
    body = response.content.decode()
    assert "<title>Too many sign-in attempts – Bridgework</title>" in body
    assert 'class="govuk-heading-l"' in body
    assert "/accounts/password/reset/" in body
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_same_email_from_another_ip_is_not_locked(world: World) -> None:
    email = world.a.staff.email
    _fail(Client(), email, settings.AXES_FAILURE_LIMIT)
    elsewhere = Client()
    assert _signed_in(post_password(elsewhere, email, REMOTE_ADDR=OTHER_IP), elsewhere)


@pytest.mark.django_db
def test_another_email_from_the_same_ip_is_not_locked(world: World) -> None:
    _fail(Client(), world.a.staff.email, settings.AXES_FAILURE_LIMIT)
    colleague = Client()
    assert _signed_in(post_password(colleague, world.a.learner_user.email, REMOTE_ADDR=HOME_IP), colleague)


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(world: World) -> None:
    email = world.a.staff.email
    _fail(Client(), email, settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    client = Client()
    assert _signed_in(post_password(client, email, REMOTE_ADDR=HOME_IP), client)


@pytest.mark.django_db
def test_the_email_is_matched_whatever_its_case(world: World) -> None:
    _fail(Client(), world.a.staff.email.upper(), settings.AXES_FAILURE_LIMIT)
    response = post_password(Client(), world.a.staff.email, REMOTE_ADDR=HOME_IP)
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_success_before_the_limit_resets_the_count(world: World) -> None:
    email = world.a.staff.email
    _fail(Client(), email, settings.AXES_FAILURE_LIMIT - 1)
    ok = Client()
    assert _signed_in(post_password(ok, email, REMOTE_ADDR=HOME_IP), ok)
    assert _fail(Client(), email, 1) == [200]  # counting starts again
