"""/healthz (the process answers) and /readyz (the database answers), and the audit trail's actor."""

from __future__ import annotations

from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from django_scopes import scopes_disabled

from bridgework.core.access import signed_in_view
from bridgework.learners.models import Learner
from tests.world import World


@pytest.mark.django_db
def test_healthz_answers_ok_without_touching_the_database(client: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_does(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_fails(client: Client) -> None:
    with mock.patch("bridgework.core.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "OperationalError"}
    assert "connection refused" not in response.content.decode()  # no internals leak to the outside


@pytest.mark.django_db
def test_health_checks_are_not_redirected_to_https(settings, client: Client) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_SSL_REDIRECT = True  # load balancers probe over plain http
    assert client.get("/healthz").status_code == 200
    assert client.get("/accessibility/").status_code == 301


@signed_in_view
def _rename_learner(request: HttpRequest, pk: int) -> HttpResponse:
    with scopes_disabled():
        learner = Learner.objects.get(pk=pk)
        learner.given_name = "Lenny"
        learner.save()
    return HttpResponse("ok")


urlpatterns = [path("rename/<int:pk>/", _rename_learner)]


@pytest.mark.django_db
@pytest.mark.urls("tests.signin.test_health_and_audit")
def test_a_change_made_in_a_request_is_audited_with_the_person_who_made_it(world: World) -> None:
    client = Client()
    client.force_login(world.a.staff)
    assert client.get(f"/rename/{world.a.learner.pk}/").status_code == 200
    with scopes_disabled():
        entry = (
            LogEntry.objects.get_for_object(world.a.learner).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
        )
    assert entry.actor == world.a.staff
    assert entry.remote_addr == "127.0.0.1"
    assert entry.changes_dict["given_name"][1] == "Lenny"
