"""Uploaded import files hold personal data (names, dates of birth, ULNs): they are kept only while they are
useful, IMPORT_FILE_RETENTION_DAYS after upload. The job's record (who, when, counts) stays for the audit trail;
a job still waiting for its file is closed with a message that says why."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.imports.models import BUSY_STATES, ImportJob, ImportState

FINISHED_STATES = (ImportState.DONE, ImportState.FAILED)


def purge_old_import_files(now: datetime | None = None) -> int:
    """Delete the stored file of every import uploaded more than the retention period ago; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS)
    purged = 0
    with scopes_disabled():  # a housekeeping job across every centre
        for job in ImportJob.objects.filter(created_at__lt=cutoff).exclude(file="").exclude(state__in=BUSY_STATES):
            job.file.delete(save=False)
            job.file = ""
            fields = ["file", "updated_at"]
            if job.state not in FINISHED_STATES:
                job.state = ImportState.FAILED
                job.failure = (
                    f"The file was deleted {settings.IMPORT_FILE_RETENTION_DAYS} days after it was uploaded, "
                    "before it was imported. Upload it again to import it."
                )
                fields += ["state", "failure"]
            job.save(update_fields=fields)
            purged += 1
    return purged
