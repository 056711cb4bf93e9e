"""Background steps for large imports. The task gets the job's primary key only and enters its centre's scope."""

from __future__ import annotations

import logging

from django_tasks import task

from bridgework.core.audit import acting_as
from bridgework.core.tenancy import centre_scope, scopes_disabled

logger = logging.getLogger(__name__)


@task()
def run_import_step(job_id: int, step: str) -> None:
    from bridgework.imports.models import ImportJob, ImportState
    from bridgework.imports.services import check_job, fail_unexpectedly, import_job

    with scopes_disabled():  # only to learn which centre's scope to enter
        centre_id = ImportJob.objects.filter(pk=job_id).values_list("centre_id", flat=True).first()
    if centre_id is None:
        return
    with centre_scope(centre_id):
        job = ImportJob.objects.select_related("centre", "created_by").get(pk=job_id)
        expected = ImportState.VALIDATING if step == "check" else ImportState.IMPORTING
        if job.state != expected:
            return  # already handled (a retried task must not import twice)
        try:
            # Writes made through domain services are audited by signals: name who started the import.
            with acting_as(job.created_by):
                (check_job if step == "check" else import_job)(job)
        except Exception:
            logger.exception("Import %s failed in step %s", job_id, step)
            fail_unexpectedly(job_id)
            raise
