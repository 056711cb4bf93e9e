"""Counts per centre and qualification for many centres (an awarding body, the nation).

The engine runs over set-based facts in chunks of centres: a constant number of queries per chunk, memory
bounded by the chunk, and the very same rules as the learner page. Statuses are not stored, so a rollup is
always as live as the registers (bench/compliance.py measures it at 100,000 learners).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime

from bridgework.compliance.engine import evaluate
from bridgework.compliance.facts import load_facts
from bridgework.compliance.services.dashboard import COUNTED_ENROLMENT_STATUSES
from bridgework.core.tenancy import centres_scope
from bridgework.learners.models import Enrolment

DEFAULT_CHUNK = 25


def rollup(
    centre_ids: Iterable[int],
    *,
    awarding_organisation_id: int | None = None,
    now: datetime | None = None,
    chunk: int = DEFAULT_CHUNK,
) -> dict[tuple[int, int], Counter[str]]:
    """{(centre_id, qualification_id): Counter(status -> enrolments)}."""
    ids = sorted(set(centre_ids))
    counts: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        with centres_scope(part):
            enrolments = Enrolment.objects.filter(centre_id__in=part, status__in=COUNTED_ENROLMENT_STATUSES)
            if awarding_organisation_id is not None:
                enrolments = enrolments.filter(qualification__awarding_organisation_id=awarding_organisation_id)
            facts = load_facts(enrolments)
            for eid, result in evaluate(facts, now=now).items():
                e = facts.enrolments[eid]
                counts[(e.centre_id, e.qualification_id)][result.status] += 1
    return dict(counts)


def rollup_sql(
    centre_ids: Iterable[int], *, ao_code: str | None = None, now: datetime | None = None
) -> dict[tuple[int, int], Counter[str]]:
    """The same counts, computed and aggregated inside the database by the hand-written statement
    (compliance/sql.py), once per awarding organisation's scheme. For national figures, where only counts are
    wanted: the tests hold it equal to the engine on every rule case and on random worlds."""
    from django.utils import timezone

    from bridgework.compliance.schemes import scheme_for
    from bridgework.compliance.sql import deadlines_for, sql_counts

    now = now or timezone.now()
    ids = sorted(set(centre_ids))
    counts: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    with centres_scope(ids):
        present = set(
            Enrolment.objects.filter(centre_id__in=ids)
            .values_list("qualification__awarding_organisation__code", "academic_year")
            .distinct()
            .order_by()
        )
    for ao in sorted({code for code, _ in present if ao_code in (None, code)}):
        scheme = scheme_for(ao)
        deadlines = deadlines_for(scheme, [(code, year) for code, year in present if code == ao])
        for centre_id, qualification_id, status, n in sql_counts(ids, scheme, deadlines, now, ao_code=ao):
            counts[(centre_id, qualification_id)][status] += n
    return dict(counts)
