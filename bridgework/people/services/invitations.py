"""Invitations: a centre admin invites staff, learners and employer contacts by email.

The link carries a random token; only its SHA-256 is stored. It expires after INVITATION_VALID_DAYS and
can be accepted once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.people.models import Centre, Department, Invitation, Role, User
from bridgework.people.services.centres import get_or_create_user, grant_role


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    url: str


def invite(
    *,
    centre: Centre,
    email: str,
    role: str,
    invited_by: User,
    department: Department | None = None,
    learner=None,  # type: ignore[no-untyped-def]
    send: bool = True,
) -> IssuedInvitation:
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role."})
    email = email.strip().lower()
    _check_invitation(centre=centre, email=email, role=role, department=department, learner=learner)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        centre=centre,
        email=email,
        role=role,
        department=department,
        learner=learner,
        token_hash=_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    url = f"{settings.SITE_URL}{reverse('invitation_accept', kwargs={'token': token})}"
    if send:
        send_mail(
            subject=f"You are invited to Bridgework by {centre.name}",
            message=(
                f"{invited_by.display_name} has invited you to Bridgework as "
                f"{invitation.get_role_display().lower()} at {centre.name}.\n\n"
                f"Accept the invitation: {url}\n\n"
                f"The link works once and expires on {invitation.expires_at:%-d %B %Y}."
            ),
            from_email=None,
            recipient_list=[invitation.email],
        )
    return IssuedInvitation(invitation, url)


def pending_invitations():  # type: ignore[no-untyped-def]
    """Invitations whose link still works: not accepted, not withdrawn, not expired."""
    return Invitation.objects.filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())


def _check_invitation(*, centre: Centre, email: str, role: str, department: Department | None, learner) -> None:  # type: ignore[no-untyped-def]
    """Refuse invitations that could only confuse: a role the person already has, a second pending
    invitation for the same role, a learner record of another centre or one that already has an account."""
    if department is not None and department.centre_id != centre.pk:
        raise ValidationError({"department": "Choose a department of this centre."})
    if role == Role.LEARNER:
        if learner is None:
            raise ValidationError({"learner": "Choose the learner record this person will use."})
        if learner.centre_id != centre.pk:
            raise ValidationError({"learner": "Choose a learner of this centre."})
        if learner.user_id is not None:
            raise ValidationError({"learner": f"{learner.full_name} already has an account."})
        with scopes_disabled():
            waiting = pending_invitations().filter(learner=learner).first()
        if waiting is not None:
            # Two live links for one record: whoever accepted second would take the record over.
            raise ValidationError(
                {
                    "learner": f"{learner.full_name} already has a pending invitation ({waiting.email}). "
                    "Withdraw it first if you want to send a new one."
                }
            )
    elif learner is not None:
        raise ValidationError({"learner": "Only invitations for the learner role are linked to a learner record."})
    from bridgework.people.models import Membership

    with scopes_disabled():  # the check runs for the centre named, whatever scope the caller is in
        if Membership.objects.filter(centre=centre, user__email__iexact=email, role=role, is_active=True).exists():
            raise ValidationError({"email": f"{email} is already {Role(role).label.lower()} at this centre."})
        if pending_invitations().filter(centre=centre, email__iexact=email, role=role).exists():
            raise ValidationError(
                {
                    "email": f"{email} already has a pending invitation as {Role(role).label.lower()}. "
                    "Withdraw it first if you want to send a new one."
                }
            )


class InvitationError(Exception):
    pass


def find_invitation(token: str) -> Invitation:
    """The pending invitation for a token, or InvitationError with a message a person can act on."""
    with scopes_disabled():
        invitation = Invitation.objects.select_related("centre").filter(token_hash=_hash(token)).first()
    if invitation is None:
        raise InvitationError("This invitation link is not valid. Check you copied the whole link.")
    state = invitation.state
    if state == "accepted":
        raise InvitationError("This invitation has already been used. Sign in instead.")
    if state == "revoked":
        raise InvitationError("This invitation was withdrawn. Ask your centre for a new one.")
    if state == "expired":
        raise InvitationError("This invitation has expired. Ask your centre to send a new one.")
    return invitation


@transaction.atomic
def accept(token: str, *, first_name: str, last_name: str, password: str | None) -> User:
    with scopes_disabled():
        invitation = Invitation.objects.select_for_update().get(pk=find_invitation(token).pk)
        # Re-check under the row lock: two tabs accepting at once must not both succeed.
        if invitation.accepted_at is not None:
            raise InvitationError("This invitation has already been used. Sign in instead.")
        user = get_or_create_user(invitation.email, first_name=first_name, last_name=last_name)
        if password and not user.has_usable_password():
            user.set_password(password)
        if first_name and not user.first_name:
            user.first_name, user.last_name = first_name, last_name
        user.is_active = True
        user.save()
        grant_role(user, invitation.centre, invitation.role, department=invitation.department)
        if invitation.learner_id:
            invitation.learner.user = user
            invitation.learner.save(update_fields=["user"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


@transaction.atomic
def revoke(invitation: Invitation) -> None:
    """Withdraw a pending invitation. Race: someone accepting the link at the same moment; `accept` locks
    the same row, so exactly one of the two wins and the other sees the new state."""
    with scopes_disabled():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        state = locked.state
        if state != "pending":
            raise InvitationError(f"This invitation is {state} and can no longer be withdrawn.")
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
    invitation.revoked_at = locked.revoked_at
