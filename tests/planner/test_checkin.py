"""QR self check-in: signed tokens that expire, work once per learner, and only for the learner's activity."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_scopes import scopes_disabled
from freezegun import freeze_time

from bridgework.activities.models import AttendanceMark
from bridgework.activities.services.checkin import issue_token, qr_svg
from tests.planner_factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.a.learner_user)
    return client


def _token(world: Any) -> tuple[Any, str]:
    with scopes_disabled():
        session = make_activity(world, world.a, days_ago=0).sessions.first()
        return session, issue_token(session)


def test_it_checks_the_learner_in_once(world: Any, learner_client: Client) -> None:
    session, token = _token(world)
    url = f"/learner/checkin/{token}/"
    page = learner_client.get(url)
    assert page.status_code == 200 and "Check in to" in page.content.decode()
    with scopes_disabled():
        assert not AttendanceMark.objects.filter(session=session).exists()  # a GET never marks
    done = learner_client.post(url)
    assert done.status_code == 200 and "You are checked in" in done.content.decode()
    with scopes_disabled():
        mark = AttendanceMark.objects.get(session=session, learner=world.a.learner)
    assert mark.source == "self_checkin" and mark.mark in ("present", "late")
    again = learner_client.post(url)
    assert again.status_code == 400 and "already used this QR code" in again.content.decode()


def test_an_expired_token_is_refused(world: Any, learner_client: Client, settings: Any) -> None:
    settings.CHECKIN_TOKEN_SECONDS = 60
    with freeze_time("2026-01-10 10:00:00+00:00"):
        session, token = _token(world)
    with freeze_time("2026-01-10 10:01:05+00:00"):
        response = learner_client.post(f"/learner/checkin/{token}/")
    assert response.status_code == 400 and "expired" in response.content.decode()
    with scopes_disabled():
        assert not AttendanceMark.objects.filter(session=session).exists()


def test_a_tampered_token_is_refused(world: Any, learner_client: Client) -> None:
    _, token = _token(world)
    response = learner_client.post(f"/learner/checkin/{token[:-2]}xx/")
    assert response.status_code == 400 and "not valid" in response.content.decode()


def test_a_learner_not_on_the_activity_cannot_check_in(world: Any, learner_client: Client) -> None:
    with scopes_disabled():
        session = make_activity(world, world.a, days_ago=0, learners=False).sessions.first()
        token = issue_token(session)
    response = learner_client.post(f"/learner/checkin/{token}/")
    assert response.status_code == 400 and "not on the list" in response.content.decode()


def test_the_qr_code_is_inline_svg_with_a_title() -> None:
    svg = qr_svg("https://example.test/learner/checkin/abc/")
    assert svg.startswith("<svg") and "<title>Check-in QR code</title>" in svg
