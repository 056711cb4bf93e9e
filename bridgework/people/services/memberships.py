"""Managing who works at a centre: deactivate, reactivate, change role or department.

A centre must always keep one active centre administrator, otherwise nobody could invite or manage anyone
there again (only a platform admin could repair it). Every change that could remove the last one is checked
under a row lock on the centre's administrator memberships.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from bridgework.core.roles import forget_roles
from bridgework.people.models import STAFF_ROLES, Department, Membership, Role, User
from bridgework.people.services.centres import deactivate_membership


def _lock_active_admins(centre_id: int) -> list[int]:
    """Lock the centre's active administrator memberships and return their ids.

    Race: two administrators deactivating each other at the same moment would each see the other still
    active and both succeed, leaving the centre with none. Locking the rows makes the second wait and
    re-count."""
    return list(
        Membership.objects.select_for_update()
        .filter(centre_id=centre_id, role=Role.CENTRE_ADMIN, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _refuse_losing_last_admin(membership: Membership, *, by: User) -> None:
    if membership.role != Role.CENTRE_ADMIN or not membership.is_active:
        return
    admins = _lock_active_admins(membership.centre_id)
    if admins == [membership.pk]:
        if membership.user_id == by.pk:
            raise ValidationError(
                "You are the only active centre administrator here. Invite or promote another administrator "
                "before you give up your own administrator role."
            )
        raise ValidationError(
            f"{membership.user.display_name} is the only active centre administrator here. "
            "Invite or promote another administrator first."
        )


@transaction.atomic
def deactivate(membership: Membership, *, by: User) -> None:
    """Stop this role at once: the next request of that person no longer passes the centre's access check
    (memberships are read on every request) and their API tokens for the centre are revoked."""
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if not membership.is_active:
        raise ValidationError(f"{membership.user.display_name} is already deactivated as {_role(membership)}.")
    _refuse_losing_last_admin(membership, by=by)
    deactivate_membership(membership, by=by)
    forget_roles(membership.user)


@transaction.atomic
def reactivate(membership: Membership) -> None:
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if membership.is_active:
        raise ValidationError(f"{membership.user.display_name} is already active as {_role(membership)}.")
    if not membership.user.is_active:
        raise ValidationError(
            f"{membership.user.display_name}'s account is closed for the whole platform; it cannot be reactivated here."
        )
    membership.is_active, membership.deactivated_at, membership.deactivated_by = True, None, None
    membership.save(update_fields=["is_active", "deactivated_at", "deactivated_by"])
    forget_roles(membership.user)


@transaction.atomic
def change_role(membership: Membership, *, role: str, department: Department | None, by: User) -> Membership:
    """Change a staff member between centre staff and centre administrator, and/or their department.

    Learner and employer-contact roles are tied to a learner record or an employer, so only their department
    can change here."""
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if department is not None and department.centre_id != membership.centre_id:
        raise ValidationError({"department": "Choose a department of this centre."})
    if role != membership.role:
        if membership.role not in STAFF_ROLES or role not in STAFF_ROLES:
            raise ValidationError(
                {"role": "Only centre staff and centre administrators can change role. Invite the person instead."}
            )
        if Membership.objects.filter(user=membership.user, centre_id=membership.centre_id, role=role).exists():
            raise ValidationError(
                {
                    "role": f"{membership.user.display_name} already has the role "
                    f"{Role(role).label.lower()} here. Deactivate this membership instead."
                }
            )
        if not membership.is_active:
            raise ValidationError({"role": "Reactivate this membership before you change its role."})
        _refuse_losing_last_admin(membership, by=by)
    membership.role = role
    membership.department = department
    membership.save(update_fields=["role", "department"])
    forget_roles(membership.user)
    return membership


def _role(membership: Membership) -> str:
    return membership.get_role_display().lower()
