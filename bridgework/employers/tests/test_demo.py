from __future__ import annotations

from datetime import date

import pytest
from django_scopes import scopes_disabled

from bridgework.core.demo import run_demo
from bridgework.employers.models import Agreement, Employer, EmployerCheck, Interaction
from bridgework.employers.services.checks import EXPIRED, EXPIRING, expiring_checks


@pytest.mark.django_db
def test_the_demo_shows_employers_in_every_state_and_runs_twice_without_change() -> None:
    today = date(2026, 3, 10)
    run_demo(today)
    with scopes_disabled():
        counts = (Employer.objects.count(), EmployerCheck.objects.count(), Interaction.objects.count())
        from bridgework.employers.demo import EMPLOYERS

        assert Employer.objects.filter(legal_name__in=[row[0] for row in EMPLOYERS]).count() == len(EMPLOYERS) == 8
        assert {a.title: (a.signatures.count(), bool(a.signed_pdf)) for a in Agreement.objects.all()} == {
            "CNC workshop placement": (3, True),
            "Quality inspection project": (2, False),
        }
        assert len({i.department_id for i in Interaction.objects.all()}) == 2
        assert {r.state for r in expiring_checks(today)} == {EXPIRED, EXPIRING}
    run_demo(today)
    with scopes_disabled():
        assert (Employer.objects.count(), EmployerCheck.objects.count(), Interaction.objects.count()) == counts
