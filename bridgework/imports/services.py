"""Import jobs, step by step: upload → mapping → check every row (nothing written) → import (all or nothing).

Small files are checked and imported inside the request. Files over IMPORT_BACKGROUND_ROWS rows go to a
background task (tasks.run_import_step) and the page polls the job's progress.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from bridgework.imports.columns import CleanRow, RowError, clean_table, mapping_problems, suggest_mapping
from bridgework.imports.kinds import Importer, Plan, importer_for
from bridgework.imports.models import ColumnMapping, ImportJob, ImportState
from bridgework.imports.readers import ImportFileError, check_file, check_size, read_table
from bridgework.people.models import Centre, User

logger = logging.getLogger(__name__)
MAX_ERRORS_KEPT = 1000  # a file with every row wrong still tells the user what is wrong without a huge page


def start_job(*, centre: Centre, user: User, kind: str, upload: UploadedFile) -> ImportJob:
    """Check the file (size first, then type by its bytes, then zip bomb) and keep it. Raises ImportFileError."""
    check_size(upload.size or 0)
    data = upload.read(settings.IMPORT_MAX_BYTES + 1)
    file_format = check_file(upload.name or "upload", data)
    importer = importer_for(kind)
    if file_format not in importer.formats:
        wanted = " or ".join(f".{f}" for f in importer.formats)
        raise ImportFileError(f"This kind of import needs a {wanted} file.")
    summary: dict[str, Any] = {"format": file_format}
    mapping: dict[str, str] = {}
    if importer.needs_mapping:
        table = read_table(file_format, data)
        if not table.rows:
            raise ImportFileError("The file has column headings but no rows to import.")
        summary["headers"] = table.headers
        total = len(table.rows)
        remembered = ColumnMapping.objects.filter(centre=centre, kind=kind).values_list("mapping", flat=True).first()
        mapping = suggest_mapping(importer.columns(centre), table.headers, remembered or {})
        summary["remembered"] = bool(remembered)
    else:
        _rows, _errors, total = importer.parse(data, file_format)
    job = ImportJob(
        centre=centre,
        kind=kind,
        original_name=(upload.name or "upload")[-200:],
        mapping=mapping,
        total_rows=total,
        summary=summary,
        created_by=user,
    )
    job.file.save(f"{timezone.now():%d%H%M%S}-{upload.name}"[-120:], ContentFile(data), save=False)
    job.save()
    if not importer.needs_mapping:
        begin_check(job)
    return job


def save_mapping(job: ImportJob, mapping: dict[str, str]) -> dict[str, str]:
    """Store the mapping on the job and remember it for the centre, then start the check. Returns problems."""
    importer = importer_for(job.kind)
    headers = job.summary.get("headers", [])
    problems = mapping_problems(importer.columns(job.centre), mapping, headers) or importer.check_mapping(mapping)
    if problems:
        return problems
    job.mapping = {k: v for k, v in mapping.items() if v}
    job.save(update_fields=["mapping", "updated_at"])
    ColumnMapping.objects.update_or_create(centre=job.centre, kind=job.kind, defaults={"mapping": job.mapping})
    begin_check(job)
    return {}


def runs_in_background(job: ImportJob) -> bool:
    return job.total_rows > settings.IMPORT_BACKGROUND_ROWS


def _enqueue(job: ImportJob, step: str, state: str) -> None:
    from bridgework.imports.tasks import run_import_step

    ImportJob.objects.filter(pk=job.pk).update(state=state, progress=0, updated_at=timezone.now())
    job.state, job.progress = state, 0
    # Enqueue once the state change is committed, so the worker never reads the job before it exists as we left it.
    transaction.on_commit(lambda: run_import_step.enqueue(job.pk, step))


def begin_check(job: ImportJob) -> None:
    if runs_in_background(job):
        _enqueue(job, "check", ImportState.VALIDATING)
    else:
        check_job(job)


def confirm_job(job: ImportJob) -> bool:
    """Start the import of a checked job. False if it is not ready (already started, or has errors)."""
    with transaction.atomic():
        # Two clicks on "Import" (or two people) must not start two imports: lock the job and check its state.
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.state != ImportState.READY:
            return False
        if runs_in_background(locked):
            _enqueue(locked, "import", ImportState.IMPORTING)
            return True
        locked.state = ImportState.IMPORTING
        locked.save(update_fields=["state", "updated_at"])
    import_job(locked)
    return True


def _progress_saver(job: ImportJob, start: int, end: int) -> Callable[[int], None]:
    def save(percent: int) -> None:
        value = start + (end - start) * percent // 100
        ImportJob.objects.filter(pk=job.pk).update(progress=value)

    return save


def _prepare(job: ImportJob, progress_end: int) -> tuple[Importer, Plan]:
    """Read, clean and plan every row. Writes nothing but the job's progress."""
    importer = importer_for(job.kind)
    with job.file.open("rb") as handle:
        data = handle.read()
    file_format = job.summary.get("format", "csv")
    rows: list[CleanRow]
    errors: list[RowError]
    if importer.needs_mapping:
        table = read_table(file_format, data)
        rows, errors = clean_table(
            importer.columns(job.centre), job.mapping, table, _progress_saver(job, 0, progress_end // 2)
        )
    else:
        rows, errors, _total = importer.parse(data, file_format)
    plan = importer.plan(job.centre, rows, _progress_saver(job, progress_end // 2, progress_end))
    plan.errors = sorted(errors + plan.errors, key=lambda e: (e.row, e.column))
    return importer, plan


def _finish(job: ImportJob, plan: Plan, state: str) -> None:
    job.state = state
    job.progress = 100
    job.errors = [e.as_dict() for e in plan.errors[:MAX_ERRORS_KEPT]]
    job.warnings = [w.as_dict() for w in plan.warnings[:MAX_ERRORS_KEPT]]
    job.created, job.updated, job.unchanged = plan.created, plan.updated, plan.unchanged
    job.summary = {
        **job.summary,
        **plan.summary,
        "error_count": len(plan.errors),
        "warning_count": len(plan.warnings),
    }
    if state == ImportState.DONE:
        job.finished_at = timezone.now()
    job.save()


def _fail(job: ImportJob, message: str) -> None:
    job.state = ImportState.FAILED
    job.failure = message
    job.finished_at = timezone.now()
    job.save()


def check_job(job: ImportJob) -> None:
    """The preview: every error, and what would be created/updated/unchanged. Nothing is written."""
    try:
        _importer, plan = _prepare(job, 100)
    except ImportFileError as exc:
        _fail(job, exc.message)
        return
    _finish(job, plan, ImportState.INVALID if plan.errors else ImportState.READY)


def import_job(job: ImportJob) -> None:
    """Check again (records may have changed since the preview), then write everything or nothing."""
    try:
        importer, plan = _prepare(job, 80)
    except ImportFileError as exc:
        _fail(job, exc.message)
        return
    if plan.errors:
        _finish(job, plan, ImportState.INVALID)
        return
    actor_id = job.created_by_id
    try:
        with transaction.atomic():
            importer.write(job.centre, plan, actor_id)
    except (IntegrityError, ValidationError):
        # The plan was checked moments ago; a domain service refusing a write now means a concurrent change.
        logger.exception("Import %s clashed with a concurrent change", job.pk)
        _fail(job, "Someone changed these records while the file was importing. Nothing was imported: try again.")
        return
    _finish(job, plan, ImportState.DONE)


def fail_unexpectedly(job_id: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        state=ImportState.FAILED,
        failure="Something went wrong while processing the file. Nothing was imported. Try again, "
        "or contact support if it keeps happening.",
        finished_at=timezone.now(),
    )
