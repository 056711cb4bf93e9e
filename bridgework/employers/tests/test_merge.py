from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from bridgework.activities.models import Activity
from bridgework.core.audit import history_for
from bridgework.employers.models import (
    Agreement,
    CheckKind,
    Employer,
    EmployerCheck,
    EmployerStatus,
    Interaction,
)
from bridgework.employers.services.merge import merge_employers
from bridgework.employers.tests.conftest import make_employer, make_person

pytestmark = pytest.mark.django_db


def test_merge_moves_every_related_record_and_keeps_the_history(world: Any, agreement: Agreement) -> None:
    source = agreement.employer
    with scopes_disabled():
        target = make_employer(world.a.centre, "Acme Precision Engineering Limited", postcode="LS1 4AQ")
        make_person(source, "Joe", "Bloggs", is_practitioner=True)
        EmployerCheck.objects.create(
            centre=world.a.centre,
            employer=source,
            kind=CheckKind.SAFEGUARDING,
            checked_on=date(2026, 1, 1),
            details={"person_name": "Sam"},
        )
        Interaction.objects.create(
            centre=world.a.centre,
            employer=source,
            occurred_on=date(2026, 1, 2),
            channel="phone",
            staff=world.a.staff,
            subject="First call",
        )
        activity = Activity.objects.create(
            centre=world.a.centre, title="Guest lecture", type="guest_lecture", academic_year="2025/26", employer=source
        )
        source.relationship_owner = world.a.staff
        source.save()
    with scope(centre=world.a.centre.pk):
        merge = merge_employers(source, target, world.a.admin)
        assert {kind: len(ids) for kind, ids in merge.moved.items()} == {
            "sites": 1,
            "people": 2,
            "checks": 1,
            "interactions": 1,
            "agreements": 1,
            "activities": 1,
        }
        assert merge.moved["agreements"] == [agreement.pk]
        # Each move is in the audit log of the row that moved.
        assert any("employer" in (e.changes_dict or {}) for e in history_for(agreement))
        assert not source.sites.exists() and target.sites.count() == 2
        assert target.affiliations.count() == 2
        assert Interaction.objects.get(subject="First call").employer_id == target.pk
        assert Agreement.objects.get(pk=agreement.pk).employer_id == target.pk
        assert Activity.objects.get(pk=activity.pk).employer_id == target.pk
        assert EmployerCheck.objects.get(kind=CheckKind.SAFEGUARDING).employer_id == target.pk
        source.refresh_from_db()
        target.refresh_from_db()
        # The duplicate stays, marked merged and ended, so old links and its audit trail still resolve.
        assert source.merged_into_id == target.pk and source.status == EmployerStatus.ENDED
        assert target.relationship_owner_id == world.a.staff.pk  # filled from the duplicate
        assert Employer.objects.filter(pk=source.pk).exists()


def test_it_refuses_to_merge_twice_or_into_itself(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        other = make_employer(world.a.centre, "Other Ltd")
    with scope(centre=world.a.centre.pk):
        with pytest.raises(ValidationError):
            merge_employers(employer, employer, world.a.admin)
        merge_employers(employer, other, world.a.admin)
        with pytest.raises(ValidationError, match="already been merged"):
            merge_employers(employer, other, world.a.admin)
