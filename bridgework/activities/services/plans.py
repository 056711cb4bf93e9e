"""Centre plans: every change is kept as a PlanRevision (who, when, old → new), never overwritten silently."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bridgework.activities.models import CentrePlan, PlannedActivity, PlanRevision

PLAN_FIELDS = {"practitioner_sources": "Where practitioners will come from", "contingency_plan": "Contingency plan"}
ROW_FIELDS = {
    "unit": "Unit",
    "what": "What",
    "when": "When",
    "date_completed": "Date completed",
    "comments": "Comments",
    "activity": "Activity",
}


def _show(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _diff(before: dict[str, Any], after: dict[str, Any], labels: dict[str, str]) -> dict[str, list[str]]:
    return {
        labels[name]: [_show(before.get(name)), _show(after.get(name))]
        for name in labels
        if _show(before.get(name)) != _show(after.get(name))
    }


def _snapshot(obj: Any, labels: dict[str, str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in labels}


@transaction.atomic
def create_plan(*, centre_id: int, qualification, academic_year: str, by, **fields: str) -> CentrePlan:  # type: ignore[no-untyped-def]
    if CentrePlan.objects.filter(
        centre_id=centre_id, qualification=qualification, academic_year=academic_year
    ).exists():
        raise ValidationError({"qualification": "There is already a plan for this qualification in this year."})
    plan = CentrePlan.objects.create(
        centre_id=centre_id, qualification=qualification, academic_year=academic_year, created_by=by, **fields
    )
    PlanRevision.objects.create(
        centre_id=centre_id, plan=plan, action="created", changed_by=by, changes=_diff({}, fields, PLAN_FIELDS)
    )
    return plan


@transaction.atomic
def update_plan(plan: CentrePlan, *, by, reason: str = "", **fields: str) -> CentrePlan:  # type: ignore[no-untyped-def]
    # Lock: two people editing the plan at once each get their own revision, in order.
    locked = CentrePlan.objects.select_for_update().get(pk=plan.pk)
    before = _snapshot(locked, PLAN_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    changes = _diff(before, _snapshot(locked, PLAN_FIELDS), PLAN_FIELDS)
    if changes:
        locked.save()
        PlanRevision.objects.create(
            centre_id=locked.centre_id, plan=locked, action="changed", changes=changes, reason=reason, changed_by=by
        )
    return locked


def _check_row(plan: CentrePlan, row: PlannedActivity) -> None:
    if row.unit_id and row.unit.qualification_id != plan.qualification_id:
        raise ValidationError({"unit": "Choose a unit of this plan's qualification."})
    if row.activity_id and not row.activity.qualifications.filter(pk=plan.qualification_id).exists():
        raise ValidationError({"activity": "Choose an activity for this plan's qualification."})


@transaction.atomic
def add_row(plan: CentrePlan, row: PlannedActivity, *, by) -> PlannedActivity:  # type: ignore[no-untyped-def]
    row.plan, row.centre_id = plan, plan.centre_id
    _check_row(plan, row)
    row.save()
    PlanRevision.objects.create(
        centre_id=plan.centre_id,
        plan=plan,
        planned_activity=row,
        action="created",
        changes=_diff({}, _snapshot(row, ROW_FIELDS), ROW_FIELDS),
        changed_by=by,
    )
    return row


@transaction.atomic
def update_row(row: PlannedActivity, *, by, reason: str = "", **fields: Any) -> PlannedActivity:  # type: ignore[no-untyped-def]
    locked = PlannedActivity.objects.select_for_update().select_related("plan").get(pk=row.pk)
    before = _snapshot(locked, ROW_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    _check_row(locked.plan, locked)
    changes = _diff(before, _snapshot(locked, ROW_FIELDS), ROW_FIELDS)
    if changes:
        locked.save()
        PlanRevision.objects.create(
            centre_id=locked.centre_id,
            plan=locked.plan,
            planned_activity=locked,
            action="changed",
            changes=changes,
            reason=reason,
            changed_by=by,
        )
    return locked


@transaction.atomic
def withdraw_row(row: PlannedActivity, *, by, reason: str) -> PlannedActivity:  # type: ignore[no-untyped-def]
    if not reason.strip():
        raise ValidationError({"reason": "Say why this planned activity is withdrawn."})
    locked = PlannedActivity.objects.select_for_update().get(pk=row.pk)
    if locked.withdrawn_at:
        return locked
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["withdrawn_at"])
    PlanRevision.objects.create(
        centre_id=locked.centre_id,
        plan_id=locked.plan_id,
        planned_activity=locked,
        action="withdrawn",
        reason=reason,
        changed_by=by,
    )
    return locked
