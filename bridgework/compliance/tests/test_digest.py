"""The weekly digest task: who gets what, and opting out."""

from __future__ import annotations

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from bridgework.compliance.digest import send_weekly_digests
from bridgework.compliance.services.preferences import set_weekly_digest
from bridgework.compliance.tests import factories as f
from bridgework.learners.models import TeachingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _real_clock():  # type: ignore[no-untyped-def]
    f.use_real_clock()
    yield
    f.use_fixed_clock()


def _at_risk_learner(world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        q = f.qualification()
        e = f.learner(world.a.centre, q)
        group = TeachingGroup.objects.create(
            centre=world.a.centre, name="ENG-2", qualification=q, academic_year=e.academic_year, tutor=world.a.staff
        )
        group.enrolments.add(e)
    return e


def test_tutor_and_admin_get_the_at_risk_learner(world) -> None:  # type: ignore[no-untyped-def]
    e = _at_risk_learner(world)
    send_weekly_digests.enqueue()  # the immediate backend runs it (and the per-centre tasks) now
    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {world.a.staff.email, world.a.admin.email}
    with scopes_disabled():
        name = e.learner.full_name
    assert name in to[world.a.staff.email].body
    assert "No employer activity" in to[world.a.staff.email].body
    assert "Submission deadlines:" in to[world.a.staff.email].body
    # Beta's only learner is past its deadline (not met): not a reminder, so Beta's people get nothing.


def test_opted_out_people_get_nothing(world) -> None:  # type: ignore[no-untyped-def]
    _at_risk_learner(world)
    set_weekly_digest(world.a.staff, False)
    send_weekly_digests.enqueue()
    assert world.a.staff.email not in {m.to[0] for m in mail.outbox}
    assert world.a.admin.email in {m.to[0] for m in mail.outbox}


def test_the_command_enqueues_the_task(world) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    _at_risk_learner(world)
    call_command("compliance_digest")
    assert mail.outbox
