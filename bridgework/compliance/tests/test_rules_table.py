"""One case per rule and boundary: each reason code appears in at least two cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django_scopes import scopes_disabled

from bridgework.compliance import engine
from bridgework.compliance.facts import load_facts
from bridgework.compliance.schemes import scheme_for
from bridgework.compliance.tests import factories as f
from bridgework.compliance.tests.factories import NOW
from bridgework.learners.models import Enrolment

GL = "guest_lecture"
MC = "master_class"


def _present(**kw):  # type: ignore[no-untyped-def]
    def build(c, q, e):  # type: ignore[no-untyped-def]
        a = f.activity(c, q, sessions=(f.past(),), **kw)
        f.join(a, e)
        f.mark(a, e, "present")

    return build


def _co_delivery(n: int, *, types: tuple[str, ...] = (GL,), upcoming: int = 0):  # type: ignore[no-untyped-def]
    def build(c, q, e):  # type: ignore[no-untyped-def]
        for i in range(n):
            a = f.activity(c, q, type=types[i % len(types)], sessions=(f.past(days=20 - i),), title=f"Lecture {i}")
            f.join(a, e)
            f.mark(a, e, "late" if i else "present")
        for i in range(upcoming):
            a = f.activity(c, q, type=GL, sessions=(f.future(days=5 + i),), title=f"Upcoming {i}")
            f.join(a, e)

    return build


def _missed(*, contingency: bool, completed: bool = True):  # type: ignore[no-untyped-def]
    def build(c, q, e):  # type: ignore[no-untyped-def]
        a = f.activity(c, q, sessions=(f.past(days=9), f.past(days=2)))
        f.join(a, e)
        f.mark(a, e, "present", session_index=0)
        f.mark(a, e, "absent", session_index=1)
        if contingency:
            f.contingency(a, e, session_index=1, completed=completed)

    return build


def _ending_at(offset: timedelta):  # type: ignore[no-untyped-def]
    def build(c, q, e):  # type: ignore[no-untyped-def]
        a = f.activity(c, q, sessions=((NOW - timedelta(hours=2), NOW + offset),))
        f.join(a, e)
        f.mark(a, e, "present")

    return build


def _recorded_plus_live(c, q, e):  # type: ignore[no-untyped-def]
    rec = f.activity(c, q, delivery="recorded", sessions=(f.past(),), title="Recording")
    f.join(rec, e)
    f.mark(rec, e)
    live = f.activity(c, q, sessions=(f.past(days=3),), title="Live")
    f.join(live, e)
    f.mark(live, e)


def _no_register(c, q, e):  # type: ignore[no-untyped-def]
    a = f.activity(c, q, sessions=(f.past(),), status="delivered")
    f.join(a, e)


def _planned(c, q, e):  # type: ignore[no-untyped-def]
    a = f.activity(c, q, sessions=(f.future(),), status="confirmed")
    f.join(a, e)


def _planned_after_deadline(c, q, e):  # type: ignore[no-untyped-def]
    a = f.activity(c, q, sessions=(f.future(days=200),))
    f.join(a, e)


def _nothing(c, q, e):  # type: ignore[no-untyped-def]
    pass


def _custom_status_counts(c, q, e):  # type: ignore[no-untyped-def]
    from bridgework.activities.models import CustomAttendanceStatus

    CustomAttendanceStatus.objects.create(centre=c, code="remote", label="Attended remotely", counts_as_attended=True)
    a = f.activity(c, q, sessions=(f.past(),))
    f.join(a, e)
    f.mark(a, e, "remote")


# (id, build, expected status, reason codes that must appear, scheme overrides, learner overrides, today shift)
CASES: list[tuple[str, Callable, str, set[str], dict, dict]] = [  # type: ignore[type-arg]
    ("qualification-not-required", _present(), "not_required", {"QUALIFICATION_NOT_REQUIRED"}, {}, {"req": False}),
    ("qualification-not-required-empty", _nothing, "not_required", {"QUALIFICATION_NOT_REQUIRED"}, {}, {"req": False}),
    ("age-19-out", _nothing, "not_required", {"LEARNER_AGE_OUT_OF_SCOPE"}, {}, {"born": date(2006, 8, 31)}),
    ("age-15-out", _nothing, "not_required", {"LEARNER_AGE_OUT_OF_SCOPE"}, {}, {"born": date(2010, 9, 1)}),
    ("age-18-on-31-aug-in", _nothing, "at_risk", {"NO_ACTIVITY"}, {}, {"born": date(2006, 9, 1)}),
    ("ehc-24-in", _present(), "met", {"MET"}, {}, {"born": date(2001, 1, 1), "ehc": True}),
    ("met-practical", _present(), "met", {"MET"}, {}, {}),
    ("met-late-custom-status", _custom_status_counts, "met", {"MET"}, {}, {}),
    ("ineligible-careers-talk", _present(type="careers_talk"), "at_risk", {"INELIGIBLE_ACTIVITY_TYPE"}, {}, {}),
    (
        "ineligible-by-scheme",
        _present(),
        "at_risk",
        {"INELIGIBLE_ACTIVITY_TYPE"},
        {"eligible_types": frozenset({GL})},
        {},
    ),
    ("optional-unit-only", _present(units=("9",)), "at_risk", {"NOT_LINKED_TO_QUALIFICATION"}, {}, {}),
    ("no-units", _present(units=()), "at_risk", {"NOT_LINKED_TO_QUALIFICATION"}, {}, {}),
    ("employer-other-sector", _present(sector="Catering"), "at_risk", {"EMPLOYER_NOT_RELEVANT"}, {}, {}),
    ("employer-no-sector", _present(sector=""), "at_risk", {"EMPLOYER_NOT_RELEVANT"}, {}, {}),
    ("practitioner-relevant", _present(sector="Catering", practitioner_sector="Engineering"), "met", {"MET"}, {}, {}),
    ("no-register", _no_register, "at_risk", {"NOT_DELIVERED"}, {}, {}),
    ("session-ends-in-a-minute", _ending_at(timedelta(minutes=1)), "on_track", {"NOT_DELIVERED"}, {}, {}),
    ("session-ending-exactly-now", _ending_at(timedelta(0)), "met", {"MET"}, {}, {}),
    ("recorded-only", _present(delivery="recorded"), "at_risk", {"RECORDED_ONLY"}, {}, {}),
    ("recorded-plus-live", _recorded_plus_live, "met", {"MET", "RECORDED_ONLY"}, {}, {}),
    ("missed-no-contingency", _missed(contingency=False), "at_risk", {"NOT_ATTENDED"}, {}, {}),
    ("missed-contingency-not-done", _missed(contingency=True, completed=False), "at_risk", {"NOT_ATTENDED"}, {}, {}),
    ("missed-contingency-on", _missed(contingency=True), "met", {"MET", "CONTINGENCY"}, {}, {}),
    (
        "missed-contingency-on-again",
        _missed(contingency=True),
        "met",
        {"CONTINGENCY"},
        {"co_delivery_min_sessions": 3},
        {},
    ),
    (
        "missed-contingency-off",
        _missed(contingency=True),
        "at_risk",
        {"NOT_ATTENDED"},
        {"contingencies_allowed": False},
        {},
    ),
    ("one-guest-lecture", _co_delivery(1), "at_risk", {"TOO_FEW_SESSIONS"}, {}, {}),
    ("n-minus-one", _co_delivery(2), "at_risk", {"TOO_FEW_SESSIONS"}, {"co_delivery_min_sessions": 3}, {}),
    ("n-sessions-mixed", _co_delivery(2, types=(GL, MC)), "met", {"MET"}, {}, {}),
    ("n-sessions-setting", _co_delivery(3), "met", {"MET"}, {"co_delivery_min_sessions": 3}, {}),
    ("one-lecture-plus-upcoming", _co_delivery(1, upcoming=1), "on_track", {"PLANNED", "TOO_FEW_SESSIONS"}, {}, {}),
    ("planned-confirmed", _planned, "on_track", {"PLANNED", "NOT_DELIVERED"}, {}, {}),
    ("planned-after-deadline", _planned_after_deadline, "at_risk", {"NOT_DELIVERED"}, {}, {}),
    ("nothing-deadline-day", _nothing, "at_risk", {"NO_ACTIVITY"}, {"deadlines": {"OCR": "02-10"}}, {}),
    ("nothing-deadline-passed", _nothing, "not_met", {"NO_ACTIVITY"}, {"deadlines": {"OCR": "02-09"}}, {}),
    (
        "planned-deadline-passed",
        _planned,
        "not_met",
        {"NOT_DELIVERED"},
        {"deadlines": {"OCR 2025/26": "2026-01-31"}},
        {},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "status", "codes", "overrides", "who"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_table(world, build, status, codes, overrides, who) -> None:  # type: ignore[no-untyped-def]
    centre = world.a.centre
    with scopes_disabled():
        q = f.qualification(requires_mei=who.get("req", True))
        e = f.learner(centre, q, **{k: v for k, v in who.items() if k in ("born", "ehc")})
        build(centre, q, e)
        scheme = replace(scheme_for("OCR"), **overrides)
        set_based = engine.evaluate(load_facts(Enrolment.objects.filter(centre=centre)), scheme, NOW)[e.pk]
        single = engine.evaluate_learner(e.learner, scheme, NOW)[e.pk]
    assert single == set_based
    assert single.reasons == set_based.reasons
    assert set_based.status == status, set_based.reasons
    assert codes <= {r.code for r in set_based.reasons}
    assert all(r.message for r in set_based.reasons)
    assert set_based.next_action


def test_every_reason_code_has_two_cases() -> None:
    from collections import Counter

    counted = Counter(code for case in CASES for code in case[3])
    from bridgework.compliance.reasons import TITLES

    assert {code for code in TITLES if counted[code] < 2} == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "status", "codes", "overrides", "who"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_hand_written_sql_agrees_with_the_engine(world, build, status, codes, overrides, who) -> None:  # type: ignore[no-untyped-def]
    """The benchmark's SQL lower bound computes the same statuses (the engine stays the reference)."""
    from bridgework.compliance.sql import deadlines_for, sql_statuses

    centre = world.a.centre
    with scopes_disabled():
        q = f.qualification(requires_mei=who.get("req", True))
        e = f.learner(centre, q, **{k: v for k, v in who.items() if k in ("born", "ehc")})
        build(centre, q, e)
        scheme = replace(scheme_for("OCR"), **overrides)
        deadlines = deadlines_for(scheme, [("OCR", e.academic_year)])
        assert sql_statuses([centre.pk], scheme, deadlines, NOW)[e.pk] == status
