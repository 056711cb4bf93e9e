"""Teaching groups: a named set of enrolments on one qualification in one academic year, with a tutor.

The rule: a group only ever holds enrolments on its own qualification and year, and its tutor is an active
member of the centre's staff.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bridgework.catalogue.models import Qualification
from bridgework.learners.identifiers import validate_academic_year
from bridgework.learners.models import Enrolment, TeachingGroup
from bridgework.people.models import STAFF_ROLES, Centre, Membership, User


@dataclass(frozen=True)
class GroupDetails:
    name: str
    qualification: Qualification
    academic_year: str
    tutor: User | None = None


def is_centre_staff(user: User, centre_id: int) -> bool:
    return Membership.objects.filter(
        user=user, centre_id=centre_id, role__in=list(STAFF_ROLES), is_active=True, user__is_active=True
    ).exists()


def save_group(*, centre: Centre, details: GroupDetails, group: TeachingGroup | None = None) -> TeachingGroup:
    errors: dict[str, list[str]] = {}
    name = " ".join(details.name.split())
    year = details.academic_year.strip()
    if not name:
        errors["name"] = ["Enter the group's name."]
    try:
        validate_academic_year(year)
    except ValidationError as error:
        errors["academic_year"] = error.messages
    if details.tutor is not None and not is_centre_staff(details.tutor, centre.pk):
        errors["tutor"] = [f"{details.tutor.display_name} is not an active member of staff at this centre."]
    if not errors:
        clash = TeachingGroup.objects.filter(centre=centre, academic_year=year, name__iexact=name)
        if group is not None:
            clash = clash.exclude(pk=group.pk)
        if clash.exists():
            errors["name"] = [f"There is already a group called {name} in {year}."]
    if group is not None and not errors:
        changed = group.qualification_id != details.qualification.pk or group.academic_year != year
        if changed and group.enrolments.exists():
            errors["qualification"] = [
                "This group has members. Remove them before you change its qualification or academic year."
            ]
    if errors:
        raise ValidationError(errors)
    if group is None:
        group = TeachingGroup(centre=centre)
    group.name, group.qualification, group.academic_year, group.tutor = name, details.qualification, year, details.tutor
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError:
        raise ValidationError({"name": f"There is already a group called {name} in {year}."}) from None
    return group


def _describe(enrolment: Enrolment) -> str:
    return f"{enrolment.learner.full_name} ({enrolment.qualification.title}, {enrolment.academic_year})"


@transaction.atomic
def add_members(group: TeachingGroup, enrolments: Iterable[Enrolment]) -> int:
    """Add enrolments to a group; returns how many were new. Refuses the whole batch if any enrolment is on
    another qualification or year (or at another centre), naming each one."""
    # Race: someone changing the group's qualification or year while members are added; the lock on the
    # group row makes one of the two wait and see the other's result.
    group = TeachingGroup.objects.select_for_update().get(pk=group.pk)
    enrolments = list(enrolments)
    wrong = [
        e
        for e in enrolments
        if e.centre_id != group.centre_id
        or e.qualification_id != group.qualification_id
        or e.academic_year != group.academic_year
    ]
    if wrong:
        names = "; ".join(_describe(e) for e in wrong)
        raise ValidationError(
            {
                "enrolments": f"A group only holds enrolments on {group.qualification.title} in "
                f"{group.academic_year}. Not added: {names}."
            }
        )
    already = set(group.enrolments.values_list("pk", flat=True))
    new = [e for e in enrolments if e.pk not in already]
    group.enrolments.add(*new)
    return len(new)


def remove_member(group: TeachingGroup, enrolment: Enrolment) -> None:
    if not group.enrolments.filter(pk=enrolment.pk).exists():
        raise ValidationError(f"{enrolment.learner.full_name} is not in {group.name}.")
    group.enrolments.remove(enrolment)
