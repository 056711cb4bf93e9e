"""Enqueue the weekly compliance digest (run it weekly from the scheduler, e.g. cron on Monday 07:00)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from bridgework.compliance.digest import send_weekly_digests


class Command(BaseCommand):
    help = "Enqueue the weekly email digest of at-risk learners for every coordinator."

    def handle(self, *args: object, **options: object) -> None:
        result = send_weekly_digests.enqueue()
        self.stdout.write(f"Enqueued the weekly digest ({result.id}).")
