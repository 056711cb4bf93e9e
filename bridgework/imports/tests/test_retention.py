"""Import files are personal data: deleted after IMPORT_FILE_RETENTION_DAYS, the import's record kept."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.imports.models import ImportJob, ImportState
from bridgework.imports.tests.helpers import csv_file, learner_row, run_import, upload

pytestmark = pytest.mark.django_db


def _age(job: ImportJob, days: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_old_import_files_are_deleted_and_their_records_kept(world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_FILE_RETENTION_DAYS = 30
    data = csv_file([learner_row(1)])
    with scopes_disabled():
        done = run_import(world.a.centre, world.a.admin, data)
        waiting = upload(world.b.centre, world.b.admin, data)  # never matched or imported
        recent = run_import(world.a.centre, world.a.admin, data)
        stored = done.file.name
        _age(done, 31)
        _age(waiting, 31)
        _age(recent, 29)
    out = io.StringIO()
    call_command("purge_import_files", stdout=out)
    assert out.getvalue().strip() == "Deleted 2 import file(s)."
    with scopes_disabled():
        done.refresh_from_db()
        waiting.refresh_from_db()
        recent.refresh_from_db()
        assert not done.file and done.state == ImportState.DONE and done.created == 1  # the record stays
        assert not done.file.storage.exists(stored)
        assert not waiting.file and waiting.state == ImportState.FAILED and "Upload it again" in waiting.failure
        assert recent.file and recent.file.storage.exists(recent.file.name)
    call_command("purge_import_files", stdout=out)  # nothing left to delete
    assert out.getvalue().strip().endswith("Deleted 0 import file(s).")
