"""Merge a duplicate employer into the record that is kept. Everything attached moves; nothing is deleted:
the duplicate stays, marked merged, so old links and its audit history still resolve. The merge record
lists the primary keys of every row that moved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bridgework.employers.models import (
    Affiliation,
    Agreement,
    Employer,
    EmployerCheck,
    EmployerMerge,
    EmployerSite,
    EmployerStatus,
    Interaction,
)


def merge_employers(source: Employer, target: Employer, user) -> EmployerMerge:  # type: ignore[no-untyped-def]
    from bridgework.activities.models import Activity

    if source.pk == target.pk:
        raise ValidationError("Choose a different employer to keep: an employer cannot be merged into itself.")
    if source.centre_id != target.centre_id:
        raise ValidationError("Employers at different centres cannot be merged.")
    with transaction.atomic():
        # Lock both rows in a fixed order: two people merging the same pair the other way round would
        # otherwise deadlock, and a record merged meanwhile must not be merged again.
        locked = {e.pk: e for e in Employer.objects.select_for_update().filter(pk__in=[source.pk, target.pk])}
        source, target = locked[source.pk], locked[target.pk]
        if source.merged_into_id or target.merged_into_id:
            raise ValidationError("One of these employers has already been merged. Reload the page.")
        # Rows are moved one by one (not queryset.update) so the audit log records each move.
        moved: dict[str, list[int]] = {}
        for label, model, extra in (
            ("sites", EmployerSite, {"is_primary": False}),
            ("people", Affiliation, {}),
            ("checks", EmployerCheck, {}),
            ("interactions", Interaction, {}),
            ("agreements", Agreement, {}),
            ("activities", Activity, {}),
        ):
            moved[label] = []
            for row in model.objects.filter(employer=source).order_by("pk"):
                row.employer = target
                for field, value in extra.items():
                    setattr(row, field, value)
                row.save()
                moved[label].append(row.pk)
        target.sectors.add(*source.sectors.all())
        for field in ("trading_name", "company_number", "ern", "website", "size", "notes"):
            if not getattr(target, field) and getattr(source, field):
                setattr(target, field, getattr(source, field))
        if target.relationship_owner_id is None:
            target.relationship_owner_id = source.relationship_owner_id
            target.owner_department_id = source.owner_department_id
        target.save()
        source.merged_into = target
        source.status = EmployerStatus.ENDED
        source.save(update_fields=["merged_into", "status", "updated_at"])
        return EmployerMerge.objects.create(
            centre_id=target.centre_id,
            source=source,
            target=target,
            moved=moved,
            merged_by=user,
            merged_at=timezone.now(),
        )
