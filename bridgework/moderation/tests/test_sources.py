"""Claims are pre-filled from the compliance engine: its statuses and plain-English reasons come through."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django_scopes import scopes_disabled

from bridgework.activities.models import ActivitySession
from bridgework.moderation.services import sources
from bridgework.moderation.tests import factories as f

pytestmark = pytest.mark.django_db
BEFORE_DEADLINE = date(2026, 3, 1)
AFTER_DEADLINE = date(2026, 7, 1)


def _status(world, today=BEFORE_DEADLINE):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        enrolment = (
            type(world.a.enrolment)
            .objects.select_related("learner", "qualification__awarding_organisation")
            .get(pk=world.a.enrolment.pk)
        )
        return sources.engine_claims([enrolment], today)[enrolment.pk]


def test_nothing_planned_is_at_risk_before_the_deadline_and_not_met_after(world) -> None:
    assert _status(world).status == "at_risk"
    assert _status(world, AFTER_DEADLINE).status == "not_met"


def test_an_attended_live_placement_meets_it_with_the_reason(world) -> None:
    f.activity(world.a, world.qualification, title="Placement at Acme", kind="work_placement")
    view = _status(world)
    assert view.status == "met" and view.reasons[0].startswith("Met by: work placement")
    assert "by Relevant Employer Ltd" in view.reasons[0] and "live" in view.reasons[0]


def test_one_guest_lecture_is_not_enough_two_are(world) -> None:
    f.activity(world.a, world.qualification, title="Lecture 1", kind="guest_lecture")
    assert _status(world).status == "at_risk"
    f.activity(world.a, world.qualification, title="Lecture 2", kind="master_class")
    assert _status(world).status == "met"


def test_absent_or_ineligible_does_not_count_and_a_future_session_is_on_track(world) -> None:
    f.activity(world.a, world.qualification, kind="careers_talk")
    f.activity(world.a, world.qualification, attended=False)
    assert _status(world).status == "at_risk"
    act = f.activity(world.a, world.qualification, title="Future", attended=False)
    with scopes_disabled():
        act.sessions.all().delete()  # only a session still to come: attending it would meet the requirement
        start = f.REFERENCE_NOW + timedelta(days=10)
        ActivitySession.objects.create(
            centre=world.a.centre, activity=act, starts_at=start, ends_at=start + timedelta(hours=1)
        )
    assert _status(world).status == "on_track"


def test_another_centres_activity_never_counts(world) -> None:
    f.activity(world.b, world.qualification, learners=[world.b.learner])
    assert _status(world).status == "at_risk"
