"""Delete uploaded import files older than IMPORT_FILE_RETENTION_DAYS (run it daily from the scheduler)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from bridgework.imports.retention import purge_old_import_files


class Command(BaseCommand):
    help = "Delete uploaded import files older than IMPORT_FILE_RETENTION_DAYS; the imports' records stay."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Deleted {purge_old_import_files()} import file(s).")
