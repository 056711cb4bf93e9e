"""A centre's departments: names unique per centre, compared without regard to case or extra spaces."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bridgework.people.models import Centre, Department


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError({"name": "Enter the department's name."})
    if len(cleaned) > Department._meta.get_field("name").max_length:
        raise ValidationError({"name": "A department name can be at most 120 characters."})
    return cleaned


def _refuse_duplicate(centre_id: int, name: str, *, exclude_pk: int | None = None) -> None:
    clash = Department.objects.filter(centre_id=centre_id, name__iexact=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    existing = clash.first()
    if existing is not None:
        raise ValidationError({"name": f"This centre already has a department called {existing.name}."})


def create_department(*, centre: Centre, name: str) -> Department:
    name = _clean_name(name)
    _refuse_duplicate(centre.pk, name)
    try:
        with transaction.atomic():
            return Department.objects.create(centre=centre, name=name)
    except IntegrityError:  # the same name saved by someone else between the check and the insert
        raise ValidationError({"name": f"This centre already has a department called {name}."}) from None


def rename_department(department: Department, *, name: str) -> Department:
    name = _clean_name(name)
    _refuse_duplicate(department.centre_id, name, exclude_pk=department.pk)
    department.name = name
    try:
        with transaction.atomic():
            department.save(update_fields=["name"])
    except IntegrityError:
        raise ValidationError({"name": f"This centre already has a department called {name}."}) from None
    return department
