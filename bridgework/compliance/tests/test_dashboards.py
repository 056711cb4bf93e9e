"""Centre and moderator dashboards: content, constant query counts, scoping, live updates."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.compliance.tests import factories as f
from bridgework.learners.models import TeachingGroup
from tests.world import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _real_clock():  # type: ignore[no-untyped-def]
    """Pages evaluate at the real time: build the data around it (this academic year, before its deadline)."""
    f.use_real_clock()
    yield
    f.use_fixed_clock()


def _cohort(centre, q, n: int, tutor) -> None:  # type: ignore[no-untyped-def]
    """n learners: a third met, a third missed a session (at risk), a third with nothing (at risk)."""
    group = TeachingGroup.objects.create(
        centre=centre, name=f"G{n}-{q.pk}", qualification=q, academic_year="2025/26", tutor=tutor
    )
    met = f.activity(centre, q, sessions=(f.past(days=30),), title="Site visit with practical task")
    missed = f.activity(centre, q, type="guest_lecture", sessions=(f.past(days=20), f.past(days=10)), title="Lectures")
    for i in range(n):
        e = f.learner(centre, q)
        group.enrolments.add(e)
        if i % 3 == 0:
            f.join(met, e)
            f.mark(met, e, "present")
        elif i % 3 == 1:
            f.join(missed, e)
            f.mark(missed, e, "present", session_index=0)
            f.mark(missed, e, "absent", session_index=1)


def _sign_in(client, user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user)


@pytest.mark.parametrize("size", [3, 15])
def test_dashboard_query_count_is_constant(client, world, django_assert_max_num_queries, size) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        for _ in range(2):
            _cohort(world.a.centre, f.qualification(), size, world.a.staff)
    _sign_in(client, world.a.staff)
    url = reverse("staff:compliance_dashboard", kwargs={"centre": world.a.centre.number})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200
    # Recorded per size: the same number of queries for 3 and 15 learners per qualification.
    QUERY_COUNTS[size] = len(captured)
    if len(QUERY_COUNTS) == 2:
        assert QUERY_COUNTS[3] == QUERY_COUNTS[15]


QUERY_COUNTS: dict[int, int] = {}


def test_dashboard_shows_statuses_chart_and_at_risk_reasons(client, world) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        q = f.qualification()
        _cohort(world.a.centre, q, 6, world.a.staff)
    _sign_in(client, world.a.staff)
    response = client.get(reverse("staff:compliance_dashboard", kwargs={"centre": world.a.centre.number}))
    html = response.content.decode()
    assert "<svg" in html and "<style" not in html and '<script type="text/javascript"' not in html
    assert 'style="' not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert q.title in html
    assert "missed the session on" in html
    assert "Record a contingency" in html


def test_filters_by_group_and_tutor(client, world) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        q1, q2 = f.qualification(), f.qualification()
        _cohort(world.a.centre, q1, 3, world.a.staff)
        _cohort(world.a.centre, q2, 3, world.a.admin)
        group = TeachingGroup.objects.get(qualification=q2)
    _sign_in(client, world.a.staff)
    url = reverse("staff:compliance_at_risk", kwargs={"centre": world.a.centre.number})
    by_tutor = client.get(url, {"tutor": world.a.admin.pk}).content.decode()
    by_group = client.get(url, {"group": group.pk}).content.decode()
    assert by_tutor.count("govuk-tag--yellow") == 2 == by_group.count("govuk-tag--yellow")
    everyone = client.get(url).content.decode()
    assert everyone.count("govuk-tag--yellow") == 4
    assert everyone.count("govuk-tag--red") == 1  # the world's 2025/26 learner: that deadline has passed


def test_coverage_grid_lists_learners_by_activities(client, world) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        q = f.qualification()
        _cohort(world.a.centre, q, 3, world.a.staff)
    _sign_in(client, world.a.staff)
    html = client.get(
        reverse("staff:compliance_coverage", kwargs={"centre": world.a.centre.number}), {"qualification": q.pk}
    ).content.decode()
    assert "Site visit with practical task" in html and "Lectures" in html
    assert ">Counts<" in html and ">Missed<" in html


def test_learner_page_explains_and_is_live(client, world) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        q = f.qualification()
        e = f.learner(world.a.centre, q)
        a = f.activity(world.a.centre, q, type="guest_lecture", sessions=(f.past(days=4), f.past(days=3)))
        a.employer.legal_name = "Arup"
        a.employer.save()
        f.join(a, e)
        f.mark(a, e, "present", session_index=0)
        f.mark(a, e, "absent", session_index=1)
    _sign_in(client, world.a.staff)
    url = reverse("staff:learner_detail", kwargs={"centre": world.a.centre.number, "pk": e.learner_id})
    html = client.get(url).content.decode()
    assert "Not attended in full" in html
    with scopes_disabled():
        f.mark(a, e, "late", session_index=1)  # the register is corrected
    html = client.get(url).content.decode()
    assert "Met by: guest lectures by Arup" in html and "Unit 1 — live" in html


def test_moderator_sees_only_assigned_centres_and_own_ao(client, world) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        ocr = f.qualification(ao="OCR")
        cg = f.qualification(ao="CG")
        _cohort(world.a.centre, ocr, 3, world.a.staff)
        _cohort(world.a.centre, cg, 3, world.a.staff)
        _cohort(world.b.centre, ocr, 3, world.b.staff)
    _sign_in(client, world.moderator)
    html = client.get(reverse("moderator:compliance")).content.decode()
    assert world.a.centre.name in html and world.b.centre.name not in html
    assert ocr.title in html and cg.title not in html
    assert (
        client.get(reverse("moderator:compliance_centre", kwargs={"centre": world.b.centre.number})).status_code == 404
    )
    own = client.get(reverse("moderator:compliance_centre", kwargs={"centre": world.a.centre.number}))
    assert own.status_code == 200 and cg.title not in own.content.decode()


def test_reminders_opt_out(client, world) -> None:  # type: ignore[no-untyped-def]
    from bridgework.compliance.services.preferences import wants_weekly_digest

    _sign_in(client, world.a.staff)
    url = reverse("staff:compliance_reminders", kwargs={"centre": world.a.centre.number})
    assert wants_weekly_digest(world.a.staff)
    assert client.post(url, {"weekly_digest": "no"}).status_code == 302
    assert not wants_weekly_digest(world.a.staff)
    assert 'value="no" checked' in client.get(url).content.decode()


_ = PASSWORD
