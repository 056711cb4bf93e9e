from __future__ import annotations

import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from bridgework.core.demo import DEMO_EMAIL_DOMAIN


class Command(BaseCommand):
    help = "Print the current two-factor code of a DEMO account (only accounts in the demo email domain)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        if not email.lower().endswith("@" + DEMO_EMAIL_DOMAIN):
            raise CommandError(f"Only demo accounts (@{DEMO_EMAIL_DOMAIN}) have a code that can be printed.")
        authenticator = Authenticator.objects.filter(user__email__iexact=email, type=Authenticator.Type.TOTP).first()
        if authenticator is None:
            raise CommandError(f"{email} has no authenticator app set up.")
        secret = decrypt(authenticator.data["secret"])
        self.stdout.write(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
