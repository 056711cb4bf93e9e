"""Demo step: what a centre administrator manages — a pending invitation (staff and learner), a deactivated
membership and an API token — so the People and API tokens pages show every state. Idempotent."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from bridgework.core.demo import DEMO_EMAIL_DOMAIN, DemoContext
from bridgework.learners.models import Learner
from bridgework.people.demo import demo_user
from bridgework.people.models import ApiToken, Invitation, Membership, Role
from bridgework.people.services.invitations import invite
from bridgework.people.services.tokens import hash_token, issue_token

DEMO_API_TOKEN = "bw_demo-riverside-college-api"  # noqa: S105 (demo data only, printed by `make run`)


def run(ctx: DemoContext) -> None:
    riverside = ctx.objects["riverside"]
    admin = ctx.objects["admin"]
    departments = ctx.objects["departments"]

    email = f"new.tutor@{DEMO_EMAIL_DOMAIN}"
    if not Invitation.objects.filter(centre=riverside, email=email).exists():
        invite(
            centre=riverside,
            email=email,
            role=Role.STAFF,
            department=departments["Business"],
            invited_by=admin,
            send=False,
        )
    learner = Learner.objects.filter(centre=riverside, user=None).order_by("mis_ref").first()
    if learner is not None and not Invitation.objects.filter(centre=riverside, role=Role.LEARNER).exists():
        invite(
            centre=riverside,
            email=f"{learner.given_name}.{learner.family_name}@{DEMO_EMAIL_DOMAIN}".lower(),
            role=Role.LEARNER,
            learner=learner,
            invited_by=admin,
            send=False,
        )

    former = demo_user("former.tutor", "Jo", "Hart")
    Membership.objects.get_or_create(
        user=former,
        centre=riverside,
        role=Role.STAFF,
        defaults={
            "department": departments["Hospitality and Catering"],
            "is_active": False,
            "deactivated_at": timezone.now(),
            "deactivated_by": admin,
        },
    )

    if not ApiToken.objects.filter(centre=riverside, name="MIS nightly sync").exists():
        issue_token(centre=riverside, user=admin, name="MIS nightly sync")  # its secret is not shown anywhere
    _demo_api_token(ctx, riverside, admin)


def _demo_api_token(ctx: DemoContext, centre, user) -> None:  # type: ignore[no-untyped-def]
    """A token with a published secret, so a newcomer can try the API at once (demo data only)."""
    if not ApiToken.objects.filter(token_hash=hash_token(DEMO_API_TOKEN)).exists():
        ApiToken.objects.create(
            centre=centre,
            user=user,
            name="Demo: try the API",
            prefix=DEMO_API_TOKEN[:10],
            token_hash=hash_token(DEMO_API_TOKEN),
        )
    ctx.account(
        "API (bearer token)",
        user.email,
        f"Authorization: Bearer {DEMO_API_TOKEN}  (docs: {settings.SITE_URL}/api/v1/docs)",
    )
