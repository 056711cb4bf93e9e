"""Import jobs (one uploaded file on its way into the database) and the column mapping each centre keeps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned


class ImportKind(models.TextChoices):
    LEARNERS = "learners", "Learners and enrolments (CSV or Excel from the MIS)"
    ILR = "ilr", "Learners and enrolments (ILR XML file)"
    REGISTERS = "registers", "Registers: attendance marks for activity sessions (CSV or Excel)"
    EMPLOYERS = "employers", "Employers (CSV or Excel)"


# How the list of past imports names each kind, in a narrow column.
KIND_SHORT_NAMES = {
    ImportKind.LEARNERS: "Learners (spreadsheet)",
    ImportKind.ILR: "Learners (ILR XML)",
    ImportKind.REGISTERS: "Registers",
    ImportKind.EMPLOYERS: "Employers",
}


class ImportState(models.TextChoices):
    UPLOADED = "uploaded", "Columns to match"
    VALIDATING = "validating", "Checking"
    INVALID = "invalid", "Has errors"
    READY = "ready", "Ready to import"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


BUSY_STATES = (ImportState.VALIDATING, ImportState.IMPORTING)


def _upload_to(job: ImportJob, filename: str) -> str:
    return f"imports/{job.centre_id}/{timezone.now():%Y/%m}/{filename}"


class ImportJob(CentreOwned):
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    file = models.FileField(upload_to=_upload_to, max_length=255)
    original_name = models.CharField(max_length=255)
    mapping = models.JSONField(default=dict, blank=True, help_text="Field identifier → column header.")
    state = models.CharField(max_length=12, choices=ImportState.choices, default=ImportState.UPLOADED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done in the current step.")
    total_rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    # Problems that do not stop the import (a row that looks like an existing employer), shown in the preview.
    warnings = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    failure = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["centre", "-created_at"], name="importjob_recent_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"

    @property
    def is_busy(self) -> bool:
        return self.state in BUSY_STATES

    @property
    def kind_short_name(self) -> str:
        return KIND_SHORT_NAMES.get(self.kind, self.get_kind_display())  # type: ignore[call-overload]


class ColumnMapping(CentreOwned):
    """The last column mapping a centre used for an import kind: the MIS export rarely changes."""

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "kind"], name="column_mapping_once")]

    def __str__(self) -> str:
        return f"Column mapping for {self.get_kind_display()}"
