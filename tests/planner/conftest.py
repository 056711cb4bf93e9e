from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def staff_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.a.staff)
    return client


@pytest.fixture
def admin_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.a.admin)
    return client


@pytest.fixture
def activity(world: Any) -> Any:
    from tests.planner_factories import make_activity

    return make_activity(world, world.a)
