from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "bridgework.imports"
    label = "imports"

    def ready(self) -> None:
        from bridgework.core.audit import register_audited
        from bridgework.imports import models

        # The job's counters and errors change many times while it runs: audit what was imported, not progress.
        register_audited(models.ColumnMapping)
        register_audited(models.ImportJob, exclude=("progress", "errors", "summary", "updated_at"))
