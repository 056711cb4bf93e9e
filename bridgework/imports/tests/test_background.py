"""Files over IMPORT_BACKGROUND_ROWS are checked and imported by a task (immediate in tests), with progress."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.core.tenancy import centre_scope
from bridgework.imports import services
from bridgework.imports.models import ImportJob, ImportState
from bridgework.imports.tests.helpers import csv_file, learner_row, upload
from bridgework.learners.models import Learner

pytestmark = pytest.mark.django_db


def test_it_runs_large_files_in_the_background_with_progress(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    settings.IMPORT_BACKGROUND_ROWS = 10
    reported: list[int] = []
    real_saver = services._progress_saver

    def spy(job, start, end):  # type: ignore[no-untyped-def]
        save = real_saver(job, start, end)

        def record(percent: int) -> None:
            save(percent)
            reported.append(ImportJob.objects.get(pk=job.pk).progress)

        return record

    monkeypatch.setattr(services, "_progress_saver", spy)
    job = upload(world.a.centre, world.a.admin, csv_file(learner_row(i) for i in range(1200)))
    client = Client()
    client.force_login(world.a.staff)
    detail = reverse("staff:import_detail", kwargs={"centre": world.a.centre.number, "pk": job.pk})
    progress = reverse("staff:import_progress", kwargs={"centre": world.a.centre.number, "pk": job.pk})

    with django_capture_on_commit_callbacks() as callbacks, centre_scope(world.a.centre.pk):
        services.save_mapping(job, job.mapping)
    job.refresh_from_db()
    assert job.state == ImportState.VALIDATING  # queued: the page shows a progress bar that polls
    page = client.get(detail).content.decode()
    assert "<progress" in page and 'hx-trigger="every 2s"' in page
    assert client.get(progress, HTTP_HX_REQUEST="true").status_code == 200

    for callback in callbacks:
        callback()  # the worker runs the check
    job.refresh_from_db()
    assert (job.state, job.created, job.progress) == (ImportState.READY, 1200, 100)
    assert reported and reported == sorted(reported) and 0 <= reported[0] < 100
    response = client.get(progress, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Refresh"] == "true"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:import_confirm", kwargs={"centre": world.a.centre.number, "pk": job.pk}))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.created) == (ImportState.DONE, 1200)
    with scopes_disabled():
        assert Learner.objects.filter(centre=world.a.centre, mis_ref__startswith="T").count() == 1200


def test_a_step_that_crashes_marks_the_job_failed(world, settings, monkeypatch, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.IMPORT_BACKGROUND_ROWS = 1
    job = upload(world.a.centre, world.a.admin, csv_file(learner_row(i) for i in range(3)))

    def explode(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("bridgework.imports.kinds.learners.LearnerImporter.plan", explode)
    with django_capture_on_commit_callbacks(execute=True), centre_scope(world.a.centre.pk):
        services.save_mapping(job, job.mapping)
    job.refresh_from_db()
    assert job.state == ImportState.FAILED and "Nothing was imported" in job.failure
