"""The planner's demo step builds realistic data and running the demo twice changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django_scopes import scopes_disabled

from bridgework.activities.models import Activity, AttendanceMark, CentrePlan, Contingency, EvidenceFile, PlanRevision


@pytest.mark.django_db
def test_the_demo_is_realistic_and_idempotent() -> None:
    from bridgework.core.demo import run_demo

    run_demo(date(2026, 11, 23))
    with scopes_disabled():
        counts = [
            m.objects.count() for m in (Activity, AttendanceMark, CentrePlan, Contingency, EvidenceFile, PlanRevision)
        ]
        # This year's: the moderation demo adds last year's, recorded for its resubmission.
        contingencies = Contingency.objects.filter(missed_session__activity__academic_year="2026/27").count()
        statuses = set(Activity.objects.values_list("status", flat=True))
        types = set(Activity.objects.values_list("type", flat=True))
    assert counts[0] >= 15 and contingencies == 1 and counts[4] >= 2
    assert {"planned", "confirmed", "delivered", "evidenced"} <= statuses
    assert {"guest_lecture", "master_class", "work_placement", "expert_witness", "careers_fair"} <= types
    run_demo(date(2026, 11, 23))
    with scopes_disabled():
        again = [
            m.objects.count() for m in (Activity, AttendanceMark, CentrePlan, Contingency, EvidenceFile, PlanRevision)
        ]
    assert again == counts
