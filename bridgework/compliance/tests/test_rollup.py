"""The rollup across centres equals the per-centre engine results, whatever the chunk size."""

from __future__ import annotations

from collections import Counter

import pytest
from django_scopes import scopes_disabled

from bridgework.compliance.engine import evaluate_learner
from bridgework.compliance.rollup import rollup, rollup_sql
from bridgework.compliance.tests import factories as f
from bridgework.compliance.tests.factories import NOW

pytestmark = pytest.mark.django_db


def test_rollup_matches_single_learner_results(world) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        q = f.qualification()
        expected: Counter = Counter()
        for centre in (world.a.centre, world.b.centre):
            a = f.activity(centre, q, sessions=(f.past(),))
            for i in range(3):
                e = f.learner(centre, q)
                if i:
                    f.join(a, e)
                    f.mark(a, e, "present" if i == 1 else "absent")
        for centre in (world.a.centre, world.b.centre):
            for learner_id in centre_learners(centre):
                for result in evaluate_learner(learner_id, now=NOW).values():
                    expected[result.status] += 1
        for chunk in (1, 25):
            counts = rollup([world.a.centre.pk, world.b.centre.pk], now=NOW, chunk=chunk)
            total: Counter = Counter()
            for c in counts.values():
                total.update(c)
            assert total == expected
        by_sql = rollup_sql([world.a.centre.pk, world.b.centre.pk], now=NOW)
        assert by_sql == rollup([world.a.centre.pk, world.b.centre.pk], now=NOW)
        assert expected["met"] == 2 and expected["at_risk"] == 6  # with the two world learners


def centre_learners(centre):  # type: ignore[no-untyped-def]
    from bridgework.learners.models import Learner

    return list(Learner.objects.filter(centre=centre).values_list("pk", flat=True))
