"""`bridgework demo`: realistic demo data, built by one step per domain app, in order.

Each step is a module with `run(ctx: DemoContext) -> None`. Steps must be idempotent (get_or_create):
running the demo twice changes nothing. A capability that wants to be seen working adds its step here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

DEMO_STEPS = [
    "bridgework.people.demo",
    "bridgework.learners.demo",
    "bridgework.people.demo_admin",
    "bridgework.employers.demo",
    "bridgework.activities.demo",
    "bridgework.imports.demo",  # after employers and activities: it imports a register and an employer list
    "bridgework.moderation.demo",
    "bridgework.portfolio.demo",
]

DEMO_CENTRE_NUMBERS = ("61001", "61002")
DEMO_PASSWORD = "bridgework-demo-2026"  # noqa: S105 (published demo credential)
DEMO_EMAIL_DOMAIN = "demo.bridgework.test"
# Demo admins and moderators get this TOTP secret so a newcomer can sign in; `bridgework totp EMAIL` prints
# the current code. It is only ever given to accounts in the demo email domain.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 (demo accounts only)


@dataclass
class DemoAccount:
    role: str
    email: str
    how: str


@dataclass
class DemoContext:
    today: date
    accounts: list[DemoAccount] = field(default_factory=list)
    objects: dict[str, Any] = field(default_factory=dict)

    def account(self, role: str, email: str, how: str = "") -> None:
        if not any(a.email == email and a.role == role for a in self.accounts):
            self.accounts.append(DemoAccount(role, email, how or f"password {DEMO_PASSWORD}"))


def run_demo(today: date) -> DemoContext:
    from django.db import transaction
    from django_scopes import scopes_disabled

    ctx = DemoContext(today=today)
    with transaction.atomic(), scopes_disabled():
        for step in DEMO_STEPS:
            importlib.import_module(step).run(ctx)
    return ctx
