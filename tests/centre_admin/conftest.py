from __future__ import annotations

import pytest
from django.test import Client

from tests.world import World


@pytest.fixture
def centre_admin_client(world: World) -> Client:
    client = Client()
    client.force_login(world.a.admin)
    return client


@pytest.fixture
def staff_client(world: World) -> Client:
    client = Client()
    client.force_login(world.a.staff)
    return client
