"""The institution-wide interaction log (seed 002): several departments contact one employer without
knowing about each other. Anyone logs a contact; someone outside the owner's department is shown who
else is engaged, and the relationship owner is told when a new department starts work with the employer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Max

from bridgework.employers.models import Employer, EmployerPerson, Interaction
from bridgework.people.models import STAFF_ROLES, Department, Membership

ENGAGED_WITHIN_DAYS = 365


def department_of(user, centre_id: int) -> Department | None:  # type: ignore[no-untyped-def]
    membership = (
        Membership.objects.filter(user=user, centre_id=centre_id, role__in=STAFF_ROLES, is_active=True)
        .exclude(department=None)
        .select_related("department")
        .order_by("role")
        .first()
    )
    return membership.department if membership else None


@dataclass(frozen=True)
class Engaged:
    name: str
    department: str
    contacts: int
    last_contact: date


@dataclass(frozen=True)
class Engagement:
    """What a member of staff about to work with an employer should know."""

    outside_owner_department: bool
    owner_name: str
    owner_department: str
    others: list[Engaged]

    @property
    def should_warn(self) -> bool:
        return self.outside_owner_department and bool(self.owner_name or self.others)


def engagement_for(employer: Employer, user, on: date) -> Engagement:  # type: ignore[no-untyped-def]
    mine = department_of(user, employer.centre_id)
    owner = employer.relationship_owner
    owner_department = employer.owner_department
    outside = owner is not None and owner.pk != user.pk and (owner_department is None or mine != owner_department)
    rows = (
        Interaction.objects.filter(employer=employer, occurred_on__gte=on - timedelta(days=ENGAGED_WITHIN_DAYS))
        .exclude(staff=user)
        .values("staff__first_name", "staff__last_name", "staff__email", "department__name")
        .annotate(contacts=Count("id"), last=Max("occurred_on"))
        .order_by("-last")
    )
    others = [
        Engaged(
            f"{r['staff__first_name']} {r['staff__last_name']}".strip() or r["staff__email"],
            r["department__name"] or "No department",
            r["contacts"],
            r["last"],
        )
        for r in rows
    ]
    return Engagement(
        outside_owner_department=outside,
        owner_name=owner.display_name if owner else "",
        owner_department=owner_department.name if owner_department else "",
        others=others,
    )


def log_interaction(
    employer: Employer, staff, *, people: list[EmployerPerson] | tuple[()] = (), **fields: Any
) -> Interaction:  # type: ignore[no-untyped-def]
    """Record a contact. When the first contact from a department other than the owner's is logged, the
    relationship owner is emailed (after commit, by a background task)."""
    from bridgework.employers.tasks import notify_owner_of_new_department

    department = department_of(staff, employer.centre_id)
    with transaction.atomic():
        first_from_department = not Interaction.objects.filter(employer=employer, department=department).exists()
        interaction = Interaction.objects.create(
            centre_id=employer.centre_id, employer=employer, staff=staff, department=department, **fields
        )
        interaction.people.set(people)
        owner_id = employer.relationship_owner_id
        if (
            owner_id is not None
            and owner_id != staff.pk
            and first_from_department
            and (
                employer.owner_department_id is None
                or department is None
                or department.pk != employer.owner_department_id
            )
        ):
            pk, centre_id = interaction.pk, employer.centre_id
            transaction.on_commit(lambda: notify_owner_of_new_department.enqueue(centre_id, pk))
    return interaction
