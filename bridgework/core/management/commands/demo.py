from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand
from django.test import override_settings
from django.utils import timezone

from bridgework.core.demo import DEMO_CENTRE_NUMBERS, run_demo


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo centres, people, learners and activities. Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database holds centres other than the demo ones (real data).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from bridgework.people.models import Centre

        if options["if_empty"] and Centre.objects.exclude(number__in=DEMO_CENTRE_NUMBERS).exists():
            self.stdout.write("This database holds real centres: no demo data added.")
            return
        # The demo's own notifications go to made-up addresses: keep them, do not send or print them.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            ctx = run_demo(timezone.localdate())
            emails = len(getattr(mail, "outbox", []))
        if emails:
            self.stdout.write(f"The demo made {emails} notification emails to demo addresses (not sent).")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts — sign in at {settings.SITE_URL}/accounts/login/"))
        width = max(len(a.role) for a in ctx.accounts)
        for account in ctx.accounts:
            self.stdout.write(f"  {account.role.ljust(width)}  {account.email:<42} {account.how}")
        self.stdout.write(
            "Admins and moderators need a second factor: `.venv/bin/bridgework totp EMAIL` prints the current code."
        )
