from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django_scopes import scope, scopes_disabled

from bridgework.employers.models import Employer, Interaction
from bridgework.employers.services.interactions import engagement_for, log_interaction
from bridgework.people.models import Department, Role
from bridgework.people.services.centres import grant_role
from tests.world import make_user

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)


@pytest.fixture
def hospitality(world: Any) -> Any:
    department = Department.objects.create(centre=world.a.centre, name="Hospitality")
    chef = make_user("chef@alpha.test", first_name="Grace", last_name="Lewis")
    grant_role(chef, world.a.centre, Role.STAFF, department=department)
    return chef


@pytest.fixture
def owned(world: Any, employer: Employer) -> Employer:
    employer.relationship_owner = world.a.staff
    employer.owner_department = world.a.department
    employer.save()
    return employer


def _log(employer: Employer, user: Any, subject: str = "Call about placements") -> Interaction:
    return log_interaction(employer, user, occurred_on=TODAY, channel="phone", subject=subject)


def test_a_second_department_is_warned_and_the_owner_is_emailed_once(
    world: Any, owned: Employer, hospitality: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with scope(centre=world.a.centre.pk):
        _log(owned, world.a.staff, "Owner's own call")
        engagement = engagement_for(owned, hospitality, TODAY)
        assert engagement.should_warn
        assert engagement.owner_name == "Sid Alpha" and engagement.owner_department == "Engineering"
        assert [o.name for o in engagement.others] == ["Sid Alpha"]
        with django_capture_on_commit_callbacks(execute=True):
            interaction = _log(owned, hospitality)
        assert interaction.department.name == "Hospitality"
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [world.a.staff.email]
        assert "Grace Lewis (Hospitality)" in mail.outbox[0].subject
        with django_capture_on_commit_callbacks(execute=True):
            _log(owned, hospitality, "Follow-up")  # the department is already known: no second email
        assert len(mail.outbox) == 1


def test_the_owners_department_is_not_warned_and_nobody_is_emailed(
    world: Any, owned: Employer, django_capture_on_commit_callbacks: Any
) -> None:
    with scope(centre=world.a.centre.pk):
        assert not engagement_for(owned, world.a.admin, TODAY).should_warn  # same department as the owner
        with django_capture_on_commit_callbacks(execute=True):
            _log(owned, world.a.admin)
    assert mail.outbox == []


def test_an_employer_nobody_owns_never_warns(world: Any, employer: Employer, hospitality: Any) -> None:
    with scope(centre=world.a.centre.pk):
        assert not engagement_for(employer, hospitality, TODAY).should_warn


def test_the_task_enters_the_centre_scope_itself(world: Any, owned: Employer, hospitality: Any) -> None:
    from bridgework.employers.tasks import notify_owner_of_new_department

    with scopes_disabled():
        interaction = Interaction.objects.create(
            centre=world.a.centre,
            employer=owned,
            occurred_on=TODAY,
            channel="email",
            staff=hospitality,
            subject="Hello",
        )
    assert notify_owner_of_new_department.call(world.a.centre.pk, interaction.pk) is True
    assert notify_owner_of_new_department.call(world.b.centre.pk, interaction.pk) is False  # other centre: nothing
