"""Compliance benchmark: `python -m bench.compliance` (PostgreSQL when DATABASE_URL is set).

Builds a throwaway database (Django's test-database machinery: `test_<name>`, or a temporary SQLite file),
never the developer's data, then generates
- a synthetic centre: 2,000 learners, 20 qualifications, 400 activities, 1,000 sessions, ~100,000 marks;
- a national set: 100,000 learners across 200 centres (use --national-learners to scale it);
and prints, in one run: the engine's time for the whole centre, the single-learner path one by one, the
hand-written SQL lower bound for the same answer (and whether they agree), and the national rollup.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridgework.settings_test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centre-learners", type=int, default=2000)
    parser.add_argument("--national-learners", type=int, default=100_000)
    parser.add_argument("--national-centres", type=int, default=200)
    parser.add_argument("--one-by-one", type=int, default=0, help="learners timed one by one (0 = all)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    if connection.vendor == "sqlite":
        path = os.path.join(tempfile.gettempdir(), f"bw-bench-{os.getpid()}.sqlite3")
        connection.settings_dict["TEST"]["NAME"] = path
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(args)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _timed(fn, repeat: int = 3):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def run(args) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from bridgework.compliance.engine import evaluate, evaluate_learner
    from bridgework.compliance.facts import load_facts
    from bridgework.compliance.rollup import rollup, rollup_sql
    from bridgework.compliance.schemes import scheme_for
    from bridgework.compliance.sql import deadlines_for, sql_statuses
    from bridgework.learners.models import Enrolment, Learner

    now = timezone.now()
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    with scopes_disabled():
        start = time.perf_counter()
        centre, quals = generate_centre(args.centre_learners, now)
        print(f"Generated the centre in {time.perf_counter() - start:.1f} s: {describe(centre)}")
        _analyze()

        cohort = Enrolment.objects.filter(centre=centre, status__in=["active", "completed"])
        engine_s, results = _timed(lambda: evaluate(load_facts(cohort), now=now))
        statuses = {eid: r.status for eid, r in results.items()}
        scheme = scheme_for("MEI")
        deadlines = deadlines_for(
            scheme, cohort.values_list("qualification__awarding_organisation__code", "academic_year")
        )
        sql_s, sql_result = _timed(lambda: sql_statuses([centre.pk], scheme, deadlines, now))
        learner_ids = list(Learner.objects.filter(centre=centre).values_list("pk", flat=True))
        sample = learner_ids if not args.one_by_one else learner_ids[: args.one_by_one]
        start = time.perf_counter()
        single: dict[int, str] = {}
        for learner_id in sample:
            single.update({eid: r.status for eid, r in evaluate_learner(learner_id, now=now).items()})
        one_s = (time.perf_counter() - start) * len(learner_ids) / len(sample)
        disagree_sql = sum(1 for eid, s in statuses.items() if sql_result.get(eid) != s)
        disagree_single = sum(1 for eid, s in single.items() if statuses[eid] != s)
        print(f"Statuses: {dict(Counter(statuses.values()))}")
        print(f"Centre, engine (set-based, facts + rules): {engine_s * 1000:8.0f} ms")
        print(
            f"Centre, SQL lower bound (one statement):   {sql_s * 1000:8.0f} ms"
            f"   -> engine is {engine_s / sql_s:.1f}x the SQL"
        )
        print(
            f"Centre, one by one ({len(sample)} learners{'' if len(sample) == len(learner_ids) else ', extrapolated'}):"
            f" {one_s * 1000:8.0f} ms   -> set-based is {one_s / engine_s:.0f}x faster"
        )
        print(
            f"Agreement: engine vs SQL {len(statuses) - disagree_sql}/{len(statuses)}, "
            f"engine vs one-by-one {len(single) - disagree_single}/{len(single)}"
        )

        if args.national_learners:
            start = time.perf_counter()
            centre_ids = generate_national(args.national_learners, args.national_centres, quals, now)
            print(f"Generated the national set in {time.perf_counter() - start:.1f} s: {describe_all(centre_ids)}")
            _analyze()
            national_s, counts = _timed(lambda: rollup(centre_ids, now=now), repeat=1)
            total: Counter[str] = Counter()
            for c in counts.values():
                total.update(c)
            print(
                f"National rollup, engine in chunks ({sum(total.values())} enrolments): "
                f"{national_s:6.2f} s  {dict(total)}"
            )
            sql_s, sql_counts = _timed(lambda: rollup_sql(centre_ids, now=now), repeat=1)
            sql_total: Counter[str] = Counter()
            for c in sql_counts.values():
                sql_total.update(c)
            same = "same counts" if sql_counts == counts else "COUNTS DIFFER"
            print(f"National rollup, one SQL statement per AO, aggregated in the database: {sql_s:6.2f} s  ({same})")


def _analyze() -> None:
    """Fresh bulk loads have no planner statistics yet; a live database has them (autovacuum)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- data generation ----------------------------------------------------------------------------------------

TYPES_WEIGHTED = (
    ["guest_lecture"] * 6
    + ["master_class"] * 2
    + ["practical_activity"] * 3
    + ["work_experience"] * 2
    + ["formative_assessment", "expert_witness", "work_placement"]
    + ["careers_talk", "employer_visit", "careers_fair"]
)


def _academic_start(now: datetime) -> int:
    return now.year if now.month >= 8 else now.year - 1


def _catalogue(n: int):  # type: ignore[no-untyped-def]
    from bridgework.catalogue.models import AwardingOrganisation, Qualification, Sector, Unit

    aos = [AwardingOrganisation.objects.get_or_create(code=c, defaults={"name": c})[0] for c in ("OCR", "CG")]
    sectors = [Sector.objects.get_or_create(name=f"Bench sector {i}")[0] for i in range(10)]
    quals = []
    for i in range(n):
        q = Qualification.objects.create(
            awarding_organisation=aos[i % 2],
            title=f"Bench Diploma {i}",
            level=3,
            sector=sectors[i % 10],
            dfe_category="TL",
            requires_mei=i % 10 != 9,
        )
        for number, mandatory in (("1", True), ("2", True), ("3", True), ("9", False)):
            Unit.objects.create(qualification=q, number=number, title=f"Unit {number}", mandatory=mandatory)
        quals.append(q)
    return quals


def _populate(
    centre, quals, n_learners: int, n_activities: int, sessions_per_activity: float, extra_participants: int, now, rng
):  # type: ignore[no-untyped-def]
    """Learners, enrolments, employers, activities, sessions, participants, marks and contingencies."""
    from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, Contingency, Participant
    from bridgework.catalogue.models import Unit
    from bridgework.employers.models import Employer
    from bridgework.learners.models import Enrolment, Learner

    year0 = _academic_start(now)
    year = f"{year0}/{(year0 + 1) % 100:02d}"
    learners = Learner.objects.bulk_create(
        [
            Learner(
                centre=centre,
                given_name="Bench",
                family_name=f"L{i}",
                date_of_birth=date(
                    year0 - rng.choice([16, 16, 16, 17, 17, 17, 18, 19]), rng.randint(1, 12), rng.randint(1, 28)
                ),
                ehc_plan=rng.random() < 0.05,
            )
            for i in range(n_learners)
        ],
        batch_size=2000,
    )
    by_q: dict[int, list] = {q.pk: [] for q in quals}
    enrolments = []
    for i, learner in enumerate(learners):
        q = quals[i % len(quals)]
        by_q[q.pk].append(learner)
        enrolments.append(
            Enrolment(centre=centre, learner=learner, qualification=q, academic_year=year, start_date=date(year0, 9, 8))
        )
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    employers = Employer.objects.bulk_create(
        [Employer(centre=centre, legal_name=f"Employer {i}") for i in range(max(10, n_activities // 4))]
    )
    sector_ids = sorted({q.sector_id for q in quals})
    Employer.sectors.through.objects.bulk_create(
        [Employer.sectors.through(employer=e, sector_id=rng.choice(sector_ids)) for e in employers]
    )
    units = {(u.qualification_id, u.number): u.pk for u in Unit.objects.filter(qualification__in=quals)}
    activities = Activity.objects.bulk_create(
        [
            Activity(
                centre=centre,
                title=f"Activity {i}",
                type=rng.choice(TYPES_WEIGHTED),
                academic_year=year,
                employer=rng.choice(employers),
                delivery="recorded" if rng.random() < 0.08 else "live",
                status=rng.choice(["planned", "confirmed", "delivered", "delivered", "cancelled"])
                if rng.random() < 0.9
                else "planned",
            )
            for i in range(n_activities)
        ],
        batch_size=2000,
    )
    qual_of = {a.pk: quals[i % len(quals)] for i, a in enumerate(activities)}
    Activity.qualifications.through.objects.bulk_create(
        [Activity.qualifications.through(activity=a, qualification=qual_of[a.pk]) for a in activities], batch_size=5000
    )
    Activity.units.through.objects.bulk_create(
        [
            Activity.units.through(
                activity=a, unit_id=units[(qual_of[a.pk].pk, rng.choice("123") if rng.random() < 0.9 else "9")]
            )
            for a in activities
        ],
        batch_size=5000,
    )
    # Most employers' sectors are relevant: give the employer the activity's sector 85% of the time.
    Employer.sectors.through.objects.bulk_create(
        [
            Employer.sectors.through(employer_id=a.employer_id, sector_id=qual_of[a.pk].sector_id)
            for a in activities
            if rng.random() < 0.85
        ],
        ignore_conflicts=True,
    )
    sessions = []
    for a in activities:
        upcoming = rng.random() < 0.2
        for k in range(2 if rng.random() < 1 - (sessions_per_activity - 2) else 3):
            start = (
                now + timedelta(days=rng.randint(1, 120))
                if upcoming
                else now - timedelta(days=rng.randint(1, 60), hours=k)
            )
            sessions.append(
                ActivitySession(centre=centre, activity=a, starts_at=start, ends_at=start + timedelta(hours=2))
            )
    ActivitySession.objects.bulk_create(sessions, batch_size=5000)
    participants, marks, contingencies = [], [], []
    sessions_of: dict[int, list] = {}
    for s in sessions:
        sessions_of.setdefault(s.activity_id, []).append(s)
    # Some learners take part in nothing yet (at risk, or on track through a planned activity).
    left_out = {learner.pk for learner in learners if rng.random() < 0.12}
    for a in activities:
        q = qual_of[a.pk]
        others = by_q[quals[(quals.index(q) + 1) % len(quals)].pk]
        people = [p for p in by_q[q.pk] if p.pk not in left_out and rng.random() < 0.92] + others[:extra_participants]
        for learner in people:
            participants.append(Participant(centre=centre, activity=a, learner=learner))
            for s in sessions_of.get(a.pk, []):
                if s.ends_at > now:
                    continue
                roll = rng.random()
                mark = "present" if roll < 0.85 else "late" if roll < 0.9 else "absent" if roll < 0.98 else "left_early"
                marks.append(AttendanceMark(centre=centre, session=s, learner=learner, mark=mark))
                if mark == "absent" and rng.random() < 0.4:
                    contingencies.append(
                        Contingency(
                            centre=centre,
                            learner=learner,
                            missed_session=s,
                            kind="recording_watched",
                            description="Watched the recording",
                            completed_on=now.date(),
                        )
                    )
    Participant.objects.bulk_create(participants, batch_size=5000)
    AttendanceMark.objects.bulk_create(marks, batch_size=5000)
    Contingency.objects.bulk_create(contingencies, batch_size=5000)


def generate_centre(n_learners: int, now: datetime):  # type: ignore[no-untyped-def]
    from bridgework.people.models import Centre

    rng = random.Random(42)
    quals = _catalogue(20)
    centre = Centre.objects.create(number="90000", name="Bench College")
    # 400 activities × 2.5 sessions = 1,000 sessions; each activity: its qualification's 100 learners + 25 others.
    _populate(centre, quals, n_learners, 400, 2.5, n_learners // 45, now, rng)
    return centre, quals


def generate_national(n_learners: int, n_centres: int, quals, now: datetime) -> list[int]:  # type: ignore[no-untyped-def]
    from bridgework.people.models import Centre

    rng = random.Random(7)
    ids = []
    per_centre = n_learners // n_centres
    for i in range(n_centres):
        centre = Centre.objects.create(number=f"{91000 + i}", name=f"National College {i}")
        # A smaller centre: 10 qualifications, 40 activities (~100 sessions), ~10 marks per learner.
        _populate(centre, rng.sample(quals, 10), per_centre, 40, 2.5, 0, now, rng)
        ids.append(centre.pk)
    return ids


def describe(centre) -> str:  # type: ignore[no-untyped-def]
    return describe_all([centre.pk])


def describe_all(centre_ids: list[int]) -> str:
    from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, Contingency, Participant
    from bridgework.learners.models import Learner

    parts = []
    for label, model in (
        ("learners", Learner),
        ("activities", Activity),
        ("sessions", ActivitySession),
        ("participants", Participant),
        ("marks", AttendanceMark),
        ("contingencies", Contingency),
    ):
        parts.append(f"{model.objects.filter(centre_id__in=centre_ids).count():,} {label}")
    return ", ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
