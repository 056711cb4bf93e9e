from __future__ import annotations

from datetime import date

import pytest
from django_scopes import scopes_disabled

from bridgework.catalogue.models import Qualification
from bridgework.compliance.engine import evaluate_learner
from bridgework.learners.models import Enrolment, EnrolmentStatus, Learner
from tests.planner_factories import make_activity

pytestmark = pytest.mark.django_db


def test_a_learners_compliance_is_the_engines_answer(api, world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        activity = make_activity(world, world.a)  # a finished guest lecture without a register
        expected = evaluate_learner(world.a.learner)[world.a.enrolment.pk]
    status, enrolments = api("GET", f"/learners/{world.a.learner.pk}/compliance")
    assert status == 200
    assert enrolments == [
        {
            "enrolment": world.a.enrolment.pk,
            "qualification": world.qualification.pk,
            "academic_year": "2025/26",
            "status": expected.status,
            "next_action": expected.next_action,
            "reasons": [{"code": r.code, "message": r.message, "activity": r.activity_id} for r in expected.reasons],
        }
    ]
    assert enrolments[0]["reasons"][0]["activity"] == activity.pk


def test_another_centres_learner_has_no_compliance_here(api, world):  # type: ignore[no-untyped-def]
    status, error = api("GET", f"/learners/{world.b.learner.pk}/compliance")
    assert (status, error["detail"]) == (404, f"There is no learner with id {world.b.learner.pk} at this centre.")
    assert api("GET", "/learners/0/compliance")[0] == 422


def _enrol(world, count: int, start: int, qualification: Qualification | None = None) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        for i in range(start, start + count):
            learner = Learner.objects.create(
                centre=world.a.centre, given_name=f"G{i}", family_name="Q", date_of_birth=date(2009, 1, 1)
            )
            Enrolment.objects.create(
                centre=world.a.centre,
                learner=learner,
                qualification=qualification or world.qualification,
                academic_year="2025/26",
                start_date=date(2025, 9, 8),
            )


def test_the_centres_compliance_is_filtered_by_qualification_and_status(api, world):  # type: ignore[no-untyped-def]
    applied = Qualification.objects.filter(requires_mei=False).first()
    _enrol(world, 1, 0, applied)
    with scopes_disabled():
        withdrawn = Enrolment.objects.get(learner__given_name="G0")
        withdrawn.pk = None
        withdrawn.academic_year, withdrawn.status = "2024/25", EnrolmentStatus.WITHDRAWN
        withdrawn.save()  # not counted, as on the dashboards
    status, page = api("GET", "/compliance")
    assert status == 200 and page["count"] == 2
    assert {row["learner"] for row in page["items"]} == {world.a.learner.pk, withdrawn.learner_id}
    mine = api("GET", f"/compliance?qualification={world.qualification.pk}")[1]["items"]
    assert [row["enrolment"] for row in mine] == [world.a.enrolment.pk]
    assert mine[0]["status"] in {"at_risk", "not_met"}
    not_required = api("GET", "/compliance?status=not_required")[1]["items"]
    assert [row["qualification"] for row in not_required] == [applied.pk]
    assert api("GET", "/compliance?status=met")[1]["count"] == 0
    assert api("GET", "/compliance?academic_year=2024/25")[1]["count"] == 0
    assert api("GET", "/compliance?status=fine")[0] == 422


def test_the_centres_compliance_takes_the_same_queries_for_2_or_20(api, world, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        make_activity(world, world.a)
    _enrol(world, 1, 0)
    with django_assert_max_num_queries(30) as two:
        assert api("GET", "/compliance")[1]["count"] == 2
    limit = len(two.captured_queries)
    _enrol(world, 18, 1)
    with django_assert_max_num_queries(limit):
        page = api("GET", "/compliance?page_size=5&page=2")[1]
    assert page["count"] == 20 and len(page["items"]) == 5
    with scopes_disabled():
        assert world.b.enrolment.pk not in {row["enrolment"] for row in page["items"]}
