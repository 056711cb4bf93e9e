"""The practitioner confirms a session's register through a signed link: no account, no password, expires
after REGISTER_CONFIRMATION_DAYS. The page shows names and marks only (no dates of birth, no ULNs)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bridgework.activities.models import ActivitySession
from bridgework.employers.models import EmployerPerson

_SALT = "bridgework.activities.register-confirmation"


def confirmation_token(session: ActivitySession, practitioner: EmployerPerson) -> str:
    if not session.activity.practitioners.filter(pk=practitioner.pk).exists():
        raise ValidationError("This person is not a practitioner on this activity.")
    payload = {"c": session.centre_id, "s": session.pk, "p": practitioner.pk}
    return signing.TimestampSigner(salt=_SALT).sign_object(payload)


def confirmation_url(token: str) -> str:
    return settings.SITE_URL + reverse("activities_public:confirm_register", kwargs={"token": token})


class LinkInvalid(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def read_confirmation(token: str) -> dict:
    try:
        return signing.TimestampSigner(salt=_SALT).unsign_object(
            token, max_age=settings.REGISTER_CONFIRMATION_DAYS * 24 * 3600
        )
    except signing.SignatureExpired:
        raise LinkInvalid("This link has expired. Ask the college to send you a new one.", 410) from None
    except signing.BadSignature:
        raise LinkInvalid("This link is not valid. Check you copied all of it.", 404) from None


def resolve(payload: dict) -> tuple[ActivitySession, EmployerPerson]:
    """Call inside the centre's scope (payload["c"])."""
    session = ActivitySession.objects.filter(pk=payload["s"]).select_related("activity").first()
    person = EmployerPerson.objects.filter(pk=payload["p"]).first()
    if session is None or person is None or not session.activity.practitioners.filter(pk=person.pk).exists():
        raise LinkInvalid("This link no longer works: the session or practitioner has changed.", 410)
    return session, person


@transaction.atomic
def confirm(session: ActivitySession, person: EmployerPerson) -> ActivitySession:
    locked = ActivitySession.objects.select_for_update().get(pk=session.pk)
    if locked.starts_at > timezone.now():
        raise ValidationError("This session has not started yet: you can confirm its register once it has.")
    locked.practitioner_confirmed_by = person
    locked.practitioner_confirmed_at = timezone.now()
    locked.save(update_fields=["practitioner_confirmed_by", "practitioner_confirmed_at"])
    return locked
