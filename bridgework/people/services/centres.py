"""Creating centres and giving people roles at them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.catalogue.models import AwardingOrganisation
from bridgework.core.roles import forget_roles
from bridgework.people.models import Centre, CentreAwardingNumber, Department, Membership, Role, User


@transaction.atomic
def create_centre(
    *, number: str, name: str, ukprn: str = "", awarding_organisation_code: str = "", ao_number: str = ""
) -> Centre:
    centre = Centre(number=number, name=name, ukprn=ukprn)
    centre.full_clean()
    centre.save()
    if awarding_organisation_code:
        ao = AwardingOrganisation.objects.get(code=awarding_organisation_code)
        with scopes_disabled():
            CentreAwardingNumber.objects.create(centre=centre, awarding_organisation=ao, number=ao_number or number)
    return centre


def get_or_create_user(email: str, *, first_name: str = "", last_name: str = "") -> User:
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, first_name=first_name, last_name=last_name)
    return user


def grant_role(user: User, centre: Centre, role: str, *, department: Department | None = None) -> Membership:
    """Give (or give back) a role at a centre. Idempotent."""
    with scopes_disabled():
        membership, _created = Membership.objects.get_or_create(
            user=user, centre=centre, role=role, defaults={"department": department}
        )
        changed = False
        if not membership.is_active:
            membership.is_active, membership.deactivated_at, membership.deactivated_by = True, None, None
            changed = True
        if department is not None and membership.department_id != department.pk:
            membership.department = department
            changed = True
        if changed:
            membership.save()
    forget_roles(user)
    return membership


@transaction.atomic
def deactivate_membership(membership: Membership, *, by: User) -> None:
    """Takes a role away at once: centre views check active memberships on every request, and the
    person's API tokens for that centre are revoked with it."""
    from bridgework.people.models import ApiToken

    membership.is_active = False
    membership.deactivated_at = timezone.now()
    membership.deactivated_by = by
    membership.save(update_fields=["is_active", "deactivated_at", "deactivated_by"])
    if membership.role in (Role.CENTRE_ADMIN, Role.STAFF):
        still_staff = Membership.objects.filter(
            user=membership.user,
            centre=membership.centre,
            is_active=True,
            role__in=[Role.CENTRE_ADMIN, Role.STAFF],
        ).exists()
        if not still_staff:
            ApiToken.objects.filter(user=membership.user, centre=membership.centre, revoked_at=None).update(
                revoked_at=timezone.now()
            )
