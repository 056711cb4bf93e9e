"""The API called as a client would: a bearer token of centre A's admin, JSON in and out."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from bridgework.people.services.tokens import issue_token

Call = Callable[..., tuple[int, Any]]


@pytest.fixture
def api(world: Any) -> Call:
    token = issue_token(centre=world.a.centre, user=world.a.admin, name="tests").secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def call(method: str, path: str, body: object = None) -> tuple[int, Any]:
        response = client.generic(
            method, f"/api/v1{path}", data=json.dumps(body) if body is not None else "", content_type="application/json"
        )
        return response.status_code, response.json()

    return call
