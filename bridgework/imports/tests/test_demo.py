"""The imports demo step leaves one past import of each kind, and running the demo again adds none."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.core.demo import run_demo
from bridgework.imports import demo
from bridgework.imports.models import ImportJob, ImportState


@pytest.mark.django_db
def test_the_demo_shows_an_import_of_each_kind_and_runs_twice_without_change() -> None:
    run_demo(timezone.localdate())
    with scopes_disabled():
        jobs = {job.original_name: job for job in ImportJob.objects.all()}
    assert jobs[demo.GOOD_FILE].state == ImportState.DONE and jobs[demo.GOOD_FILE].created == 0
    assert jobs[demo.BAD_FILE].state == ImportState.INVALID
    register = jobs[demo.REGISTER_FILE]
    assert (register.state, register.created, register.updated) == (ImportState.DONE, 0, 1), register.errors
    assert register.unchanged > 0
    employers = jobs[demo.EMPLOYER_FILE]
    assert (employers.state, employers.created, employers.updated) == (ImportState.READY, 3, 1), employers.errors
    assert [w["row"] for w in employers.warnings] == [3]
    assert "Looks like Northern Code Works Ltd" in employers.warnings[0]["message"]

    run_demo(timezone.localdate())
    with scopes_disabled():
        assert ImportJob.objects.count() == len(jobs)
