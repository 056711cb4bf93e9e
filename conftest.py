from __future__ import annotations

import pytest
from django_scopes import scopes_disabled


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):  # type: ignore[no-untyped-def]
    """Fixtures build data across centres: they run with tenancy scoping switched off (tests do not)."""
    with scopes_disabled():
        yield


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    from tests.world import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _clear_cache():  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    yield
