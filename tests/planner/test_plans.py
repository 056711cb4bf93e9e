"""Centre plans: changes are kept as revisions, never overwritten; rows stay when withdrawn."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_scopes import scopes_disabled

from bridgework.activities.models import CentrePlan, PlannedActivity, PlanRevision
from bridgework.activities.services import plans
from bridgework.catalogue.models import Unit

pytestmark = pytest.mark.django_db


def test_every_change_is_kept_with_who_and_what(world: Any) -> None:
    with scopes_disabled():
        plan = plans.create_plan(
            centre_id=world.a.centre.pk,
            qualification=world.qualification,
            academic_year="2025/26",
            by=world.a.staff,
            practitioner_sources="Local manufacturers",
        )
        unit = world.qualification.units.first()
        row = plans.add_row(
            plan, PlannedActivity(unit=unit, what="Guest lecture on CAD", when="Autumn"), by=world.a.staff
        )
        plans.update_row(row, by=world.a.admin, reason="Speaker moved", when="Spring")
        plans.withdraw_row(row, by=world.a.admin, reason="Employer withdrew")
        row.refresh_from_db()
        revisions = list(PlanRevision.objects.filter(plan=plan).order_by("changed_at", "id"))
    assert [r.action for r in revisions] == ["created", "created", "changed", "withdrawn"]
    changed = revisions[2]
    assert changed.changes == {"When": ["Autumn", "Spring"]}
    assert changed.changed_by == world.a.admin and changed.reason == "Speaker moved"
    assert row.withdrawn_at is not None and row.when == "Spring"  # kept, not deleted


def test_a_row_for_another_qualifications_unit_is_refused(world: Any) -> None:
    with scopes_disabled():
        plan = CentrePlan.objects.create(
            centre=world.a.centre, qualification=world.qualification, academic_year="2025/26"
        )
        stray = Unit.objects.exclude(qualification=world.qualification).first()
        with pytest.raises(ValidationError):
            plans.add_row(plan, PlannedActivity(unit=stray, what="x", when="y"), by=world.a.staff)
        assert not PlannedActivity.objects.exists()


def test_withdrawing_needs_a_reason(world: Any) -> None:
    from tests.planner_factories import make_planned_row

    with scopes_disabled():
        row = make_planned_row(world, world.a)
        with pytest.raises(ValidationError):
            plans.withdraw_row(row, by=world.a.staff, reason="")


def test_the_plan_page_shows_units_rows_and_history(world: Any, staff_client: Client) -> None:
    response = staff_client.post(
        f"/c/{world.a.centre.number}/plans/new/",
        {"qualification": world.qualification.pk, "academic_year": "2025/26", "practitioner_sources": "Alumni"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        plan = CentrePlan.objects.get()
        unit = world.qualification.units.first()
    staff_client.post(
        f"/c/{world.a.centre.number}/plans/{plan.pk}/rows/new/",
        {"unit": unit.pk, "what": "Master class", "when": "March"},
    )
    page = staff_client.get(f"/c/{world.a.centre.number}/plans/{plan.pk}/").content.decode()
    assert unit.title in page and "Master class" in page and "History of changes" in page
    duplicate = staff_client.post(
        f"/c/{world.a.centre.number}/plans/new/", {"qualification": world.qualification.pk, "academic_year": "2025/26"}
    )
    assert duplicate.status_code == 200 and "already a plan" in duplicate.content.decode()


def test_the_plan_page_query_count_is_constant(world: Any, staff_client: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.planner_factories import make_activity

    counts = []
    for n in (2, 20):
        with scopes_disabled():
            CentrePlan.objects.all().delete()
            plan = CentrePlan.objects.create(
                centre=world.a.centre, qualification=world.qualification, academic_year="2025/26"
            )
            units = list(world.qualification.units.all())
            for i in range(n):
                PlannedActivity.objects.create(
                    centre=world.a.centre, plan=plan, unit=units[i % len(units)], what=f"Row {i}", when="Spring"
                )
                make_activity(world, world.a, title=f"Activity {n}-{i}")
        staff_client.get(f"/c/{world.a.centre.number}/plans/{plan.pk}/")  # warm up: first-request session work
        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(f"/c/{world.a.centre.number}/plans/{plan.pk}/").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
