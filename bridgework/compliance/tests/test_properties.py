"""Property-based tests (hypothesis) over random small worlds of facts.

The engine is pure, so most properties run on in-memory Facts (fast, many examples); one property loads
random worlds from the database to check the set-based loader against the single-learner path.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridgework.compliance import engine
from bridgework.compliance.facts import (
    ActivityFact,
    ContingencyFact,
    EnrolmentFact,
    Facts,
    MarkFact,
    QualificationFact,
    SessionFact,
)
from bridgework.compliance.schemes import scheme_for
from bridgework.compliance.tests.factories import NOW

TYPES = ["practical_activity", "guest_lecture", "master_class", "work_experience", "careers_talk"]
MARKS = ["present", "late", "absent", "left_early", "excused"]
SCHEME_PARAMS = st.fixed_dictionaries(
    {"co_delivery_min_sessions": st.integers(1, 3), "contingencies_allowed": st.booleans()}
)


@st.composite
def worlds(draw) -> Facts:  # type: ignore[no-untyped-def]
    q = QualificationFact(
        1, "Diploma", "OCR", draw(st.booleans()) or True, sector_id=1, mandatory_units=frozenset({1, 2})
    )
    facts = Facts(qualifications={1: q}, unit_numbers={1: "1", 2: "2", 3: "9"})
    n_learners = draw(st.integers(1, 3))
    for lid in range(1, n_learners + 1):
        born = draw(st.sampled_from([date(2009, 3, 1), date(2006, 9, 1), date(2005, 1, 1)]))
        facts.enrolments[lid] = EnrolmentFact(lid, lid, 1, 1, "2025/26", date(2025, 9, 8), born, draw(st.booleans()))
    sid = 0
    for aid in range(1, draw(st.integers(0, 4)) + 1):
        facts.activities[aid] = ActivityFact(
            aid,
            f"Activity {aid}",
            draw(st.sampled_from(TYPES)),
            draw(st.sampled_from(["planned", "confirmed", "delivered", "cancelled"])),
            draw(st.sampled_from(["live", "live", "recorded"])),
            "Employer",
            frozenset(draw(st.sets(st.sampled_from([1, 2, 3]), max_size=2))),
            frozenset(draw(st.sets(st.sampled_from([1, 2]), max_size=2))),
        )
        for _ in range(draw(st.integers(0, 3))):
            sid += 1
            start = NOW + timedelta(days=draw(st.integers(-30, 30)))
            facts.sessions_by_activity.setdefault(aid, []).append(
                SessionFact(sid, aid, start, start + timedelta(hours=2), draw(st.booleans()))
            )
        for lid in range(1, n_learners + 1):
            if draw(st.booleans()):
                facts.participations.setdefault(lid, set()).add(aid)
                for s in facts.sessions_by_activity.get(aid, []):
                    if draw(st.booleans()):
                        m = draw(st.sampled_from(MARKS))
                        facts.marks[(lid, s.id)] = MarkFact(m, m in ("present", "late"))
                    if draw(st.integers(0, 3)) == 0:
                        done = draw(st.sampled_from([None, NOW.date()]))
                        facts.contingencies[(lid, s.id)] = ContingencyFact("recording_watched", done)
    # A mark is a register: keep the random world consistent with what the database can hold.
    marked = {session_id for (_, session_id) in facts.marks}
    for aid, sessions in facts.sessions_by_activity.items():
        facts.sessions_by_activity[aid] = [replace(s, has_register=s.has_register or s.id in marked) for s in sessions]
    return facts


def _scheme(params):  # type: ignore[no-untyped-def]
    return replace(scheme_for("OCR"), **params)


@settings(max_examples=150, deadline=None)
@given(worlds(), SCHEME_PARAMS)
def test_set_based_equals_single_learner_on_facts(facts: Facts, params) -> None:  # type: ignore[no-untyped-def]
    scheme = _scheme(params)
    together = engine.evaluate(facts, scheme, NOW)
    for e in facts.enrolments.values():
        alone = engine.evaluate(facts.for_learner(e.learner_id), scheme, NOW)
        assert alone[e.id] == together[e.id]
        assert alone[e.id].reasons == together[e.id].reasons


@settings(max_examples=150, deadline=None)
@given(worlds(), SCHEME_PARAMS, st.data())
def test_adding_a_present_mark_never_lowers_a_status(facts: Facts, params, data) -> None:  # type: ignore[no-untyped-def]
    scheme = _scheme(params)
    sessions = [s for ss in facts.sessions_by_activity.values() for s in ss]
    if not sessions:
        return
    before = engine.evaluate(facts, scheme, NOW)
    learner_id = data.draw(st.sampled_from(sorted(e.learner_id for e in facts.enrolments.values())))
    session = data.draw(st.sampled_from(sessions))
    facts.marks[(learner_id, session.id)] = MarkFact("present", True)
    # The mark makes a register exist for that session.
    facts.sessions_by_activity[session.activity_id] = [
        replace(s, has_register=True) if s.id == session.id else s
        for s in facts.sessions_by_activity[session.activity_id]
    ]
    after = engine.evaluate(facts, scheme, NOW)
    for eid, e in facts.enrolments.items():
        if e.learner_id == learner_id and before[eid].status != engine.NOT_REQUIRED:
            assert engine.RANK[after[eid].status] >= engine.RANK[before[eid].status]


@settings(max_examples=150, deadline=None)
@given(worlds(), SCHEME_PARAMS)
def test_removing_the_only_counting_activity_never_leaves_met(facts: Facts, params) -> None:  # type: ignore[no-untyped-def]
    scheme = _scheme(params)
    for eid, result in engine.evaluate(facts, scheme, NOW).items():
        if result.status == engine.MET and len(result.counting_activity_ids) == 1:
            learner_id = facts.enrolments[eid].learner_id
            (only,) = result.counting_activity_ids
            facts.participations[learner_id] = facts.participations[learner_id] - {only}
            assert engine.evaluate(facts, scheme, NOW)[eid].status != engine.MET
            return


@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(worlds(), SCHEME_PARAMS)
def test_set_based_equals_single_learner_from_the_database(world, facts: Facts, params) -> None:  # type: ignore[no-untyped-def]
    """Write the random world as rows, load it both ways, compare (rolled back with the test)."""
    from bridgework.compliance.facts import load_facts
    from bridgework.compliance.tests.world_rows import write_world
    from bridgework.learners.models import Enrolment

    scheme = _scheme(params)
    with scopes_disabled():
        centre = world.b.centre
        enrolment_ids = write_world(centre, facts)
        cohort = Enrolment.objects.filter(pk__in=enrolment_ids.values())
        together = engine.evaluate(load_facts(cohort), scheme, NOW)
        in_memory = engine.evaluate(facts, scheme, NOW)
        from bridgework.compliance.sql import deadlines_for, sql_statuses

        by_sql = sql_statuses([centre.pk], scheme, deadlines_for(scheme, [("OCR", "2025/26")]), NOW)
        for fake_id, real_id in enrolment_ids.items():
            assert by_sql[real_id] == together[real_id].status
            learner = Enrolment.objects.get(pk=real_id).learner
            assert engine.evaluate_learner(learner, scheme, NOW)[real_id] == together[real_id]
            assert together[real_id].status == in_memory[fake_id].status
        cohort.delete()
