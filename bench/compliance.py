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
import random
import time
from collections import Counter
from datetime import datetime

from bench.harness import analyze, throwaway_database, timed, use_test_settings
from bench.synthetic import catalogue, describe_all, populate

use_test_settings()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--centre-learners", type=int, default=2000)
    parser.add_argument("--national-learners", type=int, default=100_000)
    parser.add_argument("--national-centres", type=int, default=200)
    parser.add_argument("--one-by-one", type=int, default=0, help="learners timed one by one (0 = all)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    with throwaway_database(args.keep):
        run(args.centre_learners, args.national_learners, args.national_centres, args.one_by_one)


def run(centre_learners: int, national_learners: int, national_centres: int, one_by_one: int = 0) -> None:
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
        centre, quals = generate_centre(centre_learners, now)
        print(f"Generated the centre in {time.perf_counter() - start:.1f} s: {describe(centre)}")
        analyze()

        cohort = Enrolment.objects.filter(centre=centre, status__in=["active", "completed"])
        engine_s, results = timed(lambda: evaluate(load_facts(cohort), now=now))
        statuses = {eid: r.status for eid, r in results.items()}
        scheme = scheme_for("MEI")
        deadlines = deadlines_for(
            scheme, cohort.values_list("qualification__awarding_organisation__code", "academic_year")
        )
        sql_s, sql_result = timed(lambda: sql_statuses([centre.pk], scheme, deadlines, now))
        learner_ids = list(Learner.objects.filter(centre=centre).values_list("pk", flat=True))
        sample = learner_ids if not one_by_one else learner_ids[:one_by_one]
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

        if national_learners:
            start = time.perf_counter()
            centre_ids = generate_national(national_learners, national_centres, quals, now)
            print(f"Generated the national set in {time.perf_counter() - start:.1f} s: {describe_all(centre_ids)}")
            analyze()
            national_s, counts = timed(lambda: rollup(centre_ids, now=now), repeat=1)
            total: Counter[str] = Counter()
            for c in counts.values():
                total.update(c)
            print(
                f"National rollup, engine in chunks ({sum(total.values())} enrolments): "
                f"{national_s:6.2f} s  {dict(total)}"
            )
            sql_s, sql_counts = timed(lambda: rollup_sql(centre_ids, now=now), repeat=1)
            sql_total: Counter[str] = Counter()
            for c in sql_counts.values():
                sql_total.update(c)
            same = "same counts" if sql_counts == counts else "COUNTS DIFFER"
            print(f"National rollup, one SQL statement per AO, aggregated in the database: {sql_s:6.2f} s  ({same})")


def generate_centre(n_learners: int, now: datetime):  # type: ignore[no-untyped-def]
    from bridgework.people.models import Centre

    rng = random.Random(42)
    quals = catalogue(20)
    centre = Centre.objects.create(number="90000", name="Bench College")
    # 400 activities × 2.5 sessions = 1,000 sessions; each activity: its qualification's 100 learners + 25 others.
    populate(centre, quals, n_learners, 400, 2.5, n_learners // 45, now, rng)
    return centre, quals


def generate_national(n_learners: int, n_centres: int, quals, now: datetime) -> list[int]:  # type: ignore[no-untyped-def]
    from bridgework.people.models import Centre

    rng = random.Random(7)
    ids = []
    per_centre = n_learners // n_centres
    for i in range(n_centres):
        centre = Centre.objects.create(number=f"{91000 + i}", name=f"National College {i}")
        # A smaller centre: 10 qualifications, 40 activities (~100 sessions), ~10 marks per learner.
        populate(centre, rng.sample(quals, 10), per_centre, 40, 2.5, 0, now, rng)
        ids.append(centre.pk)
    return ids


def describe(centre) -> str:  # type: ignore[no-untyped-def]
    return describe_all([centre.pk])


if __name__ == "__main__":
    main()
