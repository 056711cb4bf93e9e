"""The practitioner's signed confirmation link: no password, names only, and it expires."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled
from freezegun import freeze_time

from bridgework.activities.services.confirmation import confirmation_token
from bridgework.activities.services.registers import mark_learner
from tests.planner_factories import make_activity, make_practitioner

pytestmark = pytest.mark.django_db


def _link(world: Any) -> tuple[Any, Any, str]:
    with scopes_disabled():
        activity = make_activity(world, world.a)
        person = make_practitioner(world.a)
        activity.practitioners.add(person)
        session = activity.sessions.first()
        mark_learner(session, world.a.learner.pk, "present", by=world.a.staff)
        return session, person, confirmation_token(session, person)


def test_the_practitioner_confirms_without_signing_in(world: Any) -> None:
    session, person, token = _link(world)
    client = Client()
    page = client.get(f"/confirm/{token}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert world.a.learner.full_name in body and "Present" in body
    assert world.a.learner.date_of_birth.strftime("%Y") not in body  # no dates of birth
    assert client.post(f"/confirm/{token}/").status_code == 200
    with scopes_disabled():
        session.refresh_from_db()
    assert session.practitioner_confirmed_by == person and session.practitioner_confirmed_at is not None


def test_the_link_expires(world: Any, settings: Any) -> None:
    settings.REGISTER_CONFIRMATION_DAYS = 14
    session, _, token = _link(world)
    with freeze_time(timezone.now() + timedelta(days=15)):
        response = Client().post(f"/confirm/{token}/")
    assert response.status_code == 410 and "expired" in response.content.decode()
    with scopes_disabled():
        session.refresh_from_db()
    assert session.practitioner_confirmed_at is None


def test_a_forged_link_is_refused(world: Any) -> None:
    _, _, token = _link(world)
    assert Client().get(f"/confirm/{token}x/").status_code == 404


def test_a_future_session_cannot_be_confirmed(world: Any) -> None:
    with scopes_disabled():
        activity = make_activity(world, world.a, days_ago=-3)
        person = make_practitioner(world.a)
        activity.practitioners.add(person)
        token = confirmation_token(activity.sessions.first(), person)
    response = Client().post(f"/confirm/{token}/")
    assert response.status_code == 400 and "not started yet" in response.content.decode()


def test_links_are_only_for_the_activitys_practitioners(world: Any) -> None:
    from django.core.exceptions import ValidationError

    with scopes_disabled():
        activity = make_activity(world, world.a)
        with pytest.raises(ValidationError):
            confirmation_token(activity.sessions.first(), make_practitioner(world.a))
