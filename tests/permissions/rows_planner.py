"""Permission rows for the planner and tracker: plans, activities, registers, evidence, calendar, and the
token pages (practitioner confirmation, iCalendar feeds, learner self check-in)."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from tests.permissions.base import ADMIN, EVERYONE, STAFF, Row, centre_only
from tests.world import CentreWorld, World

LEARNER = frozenset({"learner"})


def _own_url(w: World, **kw: Any) -> dict[str, Any]:
    return {"centre": w.a.centre.number, **kw}


def plan(w: World, c: CentreWorld) -> dict[str, Any]:
    from tests.planner_factories import make_plan

    with scopes_disabled():
        return _own_url(w, pk=make_plan(w, c).pk)


def planned_row(w: World, c: CentreWorld) -> dict[str, Any]:
    from tests.planner_factories import make_planned_row

    with scopes_disabled():
        row = make_planned_row(w, c)
        return _own_url(w, pk=row.plan_id, row=row.pk)


def activity(w: World, c: CentreWorld) -> dict[str, Any]:
    from tests.planner_factories import make_activity

    with scopes_disabled():
        return _own_url(w, pk=make_activity(w, c).pk)


def session(w: World, c: CentreWorld) -> dict[str, Any]:
    from tests.planner_factories import make_activity, make_practitioner

    with scopes_disabled():
        a = make_activity(w, c)
        person = make_practitioner(c)
        a.practitioners.add(person)
        w.extra["practitioner"] = person.pk
        return _own_url(w, pk=a.pk, session=a.sessions.first().pk)


def contingency(w: World, c: CentreWorld) -> dict[str, Any]:
    kwargs = session(w, c)
    return {**kwargs, "learner": c.learner.pk}


def evidence(w: World, c: CentreWorld) -> dict[str, Any]:
    from tests.planner_factories import make_evidence

    with scopes_disabled():
        return _own_url(w, pk=make_evidence(w, c).pk)


def feed(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.activities.services.calendar import create_feed

    with scopes_disabled():
        obj, _ = create_feed(centre_id=c.centre.pk, kind="centre", user=c.staff)
        return _own_url(w, pk=obj.pk)


def public_feed(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.activities.services.calendar import create_feed

    with scopes_disabled():
        obj, secret = create_feed(centre_id=c.centre.pk, kind="centre", user=c.staff)
        return {"feed": obj.pk, "secret": secret}


def confirm_token(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.activities.models import ActivitySession
    from bridgework.activities.services.confirmation import confirmation_token

    session(w, c)
    with scopes_disabled():
        s = ActivitySession.objects.filter(centre=c.centre).select_related("activity").latest("pk")
        from bridgework.employers.models import EmployerPerson

        return {"token": confirmation_token(s, EmployerPerson.objects.get(pk=w.extra["practitioner"]))}


def checkin_token(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.activities.services.checkin import issue_token
    from tests.planner_factories import make_activity

    with scopes_disabled():
        return {"token": issue_token(make_activity(w, c, days_ago=0).sessions.first())}


ROWS = [
    Row("staff:plan_list", STAFF, kwargs=centre_only),
    Row("staff:plan_create", STAFF, kwargs=centre_only),
    Row("staff:plan_detail", STAFF, kwargs=plan),
    Row("staff:plan_edit", STAFF, kwargs=plan),
    Row("staff:planned_add", STAFF, kwargs=plan),
    Row("staff:planned_edit", STAFF, kwargs=planned_row),
    Row("staff:planned_withdraw", STAFF, kwargs=planned_row),
    Row("staff:activity_list", STAFF, kwargs=centre_only),
    Row("staff:activity_create", STAFF, kwargs=centre_only),
    Row("staff:attendance_statuses", ADMIN, kwargs=centre_only),
    Row("staff:activity_detail", STAFF, kwargs=activity),
    Row("staff:activity_edit", STAFF, kwargs=activity),
    Row(
        "staff:activity_transition",
        STAFF,
        kwargs=activity,
        method="POST",
        data=lambda w, c: {"to": "cancelled"},
        ok=302,
    ),
    Row("staff:activity_participants", STAFF, kwargs=activity),
    Row("staff:session_add", STAFF, kwargs=activity),
    Row("staff:session_edit", STAFF, kwargs=session),
    Row("staff:register", STAFF, kwargs=session),
    Row("staff:register_mark_all", STAFF, kwargs=session, method="POST", ok=302),
    Row("staff:checkin_display", STAFF, kwargs=session),
    Row("staff:checkin_qr", STAFF, kwargs=session, htmx=True),
    Row(
        "staff:register_confirmation_link",
        STAFF,
        kwargs=session,
        method="POST",
        data=lambda w, c: {"practitioner": w.extra["practitioner"]},
    ),
    Row("staff:contingency_add", STAFF, kwargs=contingency),
    Row("staff:evidence_upload", STAFF, kwargs=activity),
    Row("staff:evidence_download", STAFF, kwargs=evidence),
    Row("staff:attendance_record", STAFF, kwargs=activity),
    Row("staff:calendar_month", STAFF, kwargs=centre_only),
    Row("staff:calendar_term", STAFF, kwargs=centre_only),
    Row("staff:calendar_feeds", STAFF, kwargs=centre_only),
    Row("staff:calendar_feed_revoke", STAFF, kwargs=feed, method="POST", ok=302),
    # Token pages: anyone holding a valid link gets the page, signed in or not.
    Row("activities_public:confirm_register", EVERYONE, kwargs=confirm_token, per_centre=False, anonymous=200),
    Row("activities_public:calendar_feed", EVERYONE, kwargs=public_feed, per_centre=False, anonymous=200),
    # A learner's check-in token for their own centre's session shows the check-in page; another centre's: 404.
    Row("learner:checkin", LEARNER, kwargs=checkin_token),
]
