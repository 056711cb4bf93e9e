"""Emails to whichever side now owes something or has been told a decision, with a link. Sent after the
transaction commits, so nobody is told about a change that was rolled back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django_scopes import scopes_disabled

from bridgework.people.models import Membership, ModeratorProfile, Role


def centre_admin_emails(centre_id: int) -> list[str]:
    with scopes_disabled():
        return sorted(
            set(
                Membership.objects.filter(
                    centre_id=centre_id, role=Role.CENTRE_ADMIN, is_active=True, user__is_active=True
                ).values_list("user__email", flat=True)
            )
        )


def moderator_emails(centre_id: int, awarding_organisation_id: int) -> list[str]:
    return sorted(
        ModeratorProfile.objects.filter(
            is_active=True,
            user__is_active=True,
            awarding_organisation_id=awarding_organisation_id,
            assignments__centre_id=centre_id,
        ).values_list("user__email", flat=True)
    )


def _send(recipients: list[str], subject: str, body: str, path: str) -> None:
    if not recipients:
        return
    message = f"{body}\n\nOpen it in Bridgework: {settings.SITE_URL}{path}\n"
    transaction.on_commit(lambda: send_mail(f"Bridgework: {subject}", message, settings.DEFAULT_FROM_EMAIL, recipients))


def tell_centre(centre_id: int, subject: str, body: str, path: str) -> None:
    _send(centre_admin_emails(centre_id), subject, body, path)


def tell_moderators(centre_id: int, awarding_organisation_id: int, subject: str, body: str, path: str) -> None:
    _send(moderator_emails(centre_id, awarding_organisation_id), subject, body, path)
