"""Learner self check-in: staff show a QR code that changes every few seconds; a learner scans it, signs in
and is marked present (or late). Tokens are signed (TimestampSigner), live CHECKIN_TOKEN_SECONDS and work
once per learner (UsedCheckinToken)."""

from __future__ import annotations

import secrets
from datetime import timedelta

import segno
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from bridgework.activities.models import ActivitySession, Mark, UsedCheckinToken
from bridgework.core.tenancy import centre_scope
from bridgework.learners.models import Learner

_SALT = "bridgework.activities.checkin"


def issue_token(session: ActivitySession) -> str:
    payload = {"c": session.centre_id, "s": session.pk, "n": secrets.token_hex(8)}
    return signing.TimestampSigner(salt=_SALT).sign_object(payload, compress=True)


def checkin_url(token: str) -> str:
    return settings.SITE_URL + reverse("learner:checkin", kwargs={"token": token})


def qr_svg(url: str) -> SafeString:
    """The QR code as inline SVG (no image request, CSP-safe), with an accessible name."""
    svg = segno.make(url, error="m").svg_inline(scale=6, dark="#0b0c0c", light="#ffffff", title="Check-in QR code")
    return mark_safe(svg)


class CheckinError(ValidationError):
    pass


def read_token(token: str) -> dict:
    try:
        return signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=settings.CHECKIN_TOKEN_SECONDS)
    except signing.SignatureExpired:
        raise CheckinError("This QR code has expired. Scan the code on the screen again.") from None
    except signing.BadSignature:
        raise CheckinError("This QR code is not valid. Scan the code on the screen again.") from None


class CheckinNotFound(CheckinError):
    """The token is genuine but names a session this person cannot see (another centre's, or deleted)."""


def session_for(payload: dict, centre_ids: list[int]) -> ActivitySession:
    if payload["c"] not in centre_ids:
        raise CheckinNotFound("This QR code is for a centre you are not a learner at.")
    session = ActivitySession.objects.filter(pk=payload["s"], centre_id=payload["c"]).select_related("activity").first()
    if session is None:
        raise CheckinNotFound("This session no longer exists.")
    return session


def check_in(token: str, user, centre_ids: list[int]) -> tuple[ActivitySession, str]:  # type: ignore[no-untyped-def]
    """Mark the signed-in learner at the session in the token. Returns the session and the mark given."""
    from bridgework.activities.services.registers import mark_learner

    payload = read_token(token)
    session = session_for(payload, centre_ids)
    with centre_scope(session.centre_id):
        learner = Learner.objects.filter(user=user, participations__activity_id=session.activity_id).first()
        if learner is None:
            raise CheckinError("You are not on the list for this activity. Speak to the member of staff.")
        late = timezone.now() > session.starts_at + timedelta(minutes=settings.CHECKIN_LATE_AFTER_MINUTES)
        mark = Mark.LATE if late else Mark.PRESENT
        try:
            with transaction.atomic():
                # The unique (nonce, learner) row is the one-use guard: a replayed token fails here even when
                # two requests race, because the database refuses the second insert.
                UsedCheckinToken.objects.create(
                    centre_id=session.centre_id, session=session, learner=learner, nonce=payload["n"]
                )
                mark_learner(session, learner.pk, mark, by=user, source="self_checkin")
        except IntegrityError:
            raise CheckinError("You have already used this QR code.") from None
    return session, mark
