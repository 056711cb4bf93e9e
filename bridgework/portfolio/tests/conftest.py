from __future__ import annotations

import pytest

from bridgework.portfolio.tests.factories import PortalSetup, portal_setup


@pytest.fixture
def setup_a(world) -> PortalSetup:  # type: ignore[no-untyped-def]
    """At centre A: the employer contact has an agreement with the learner, who shared an entry and an update."""
    return portal_setup(world, world.a)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
