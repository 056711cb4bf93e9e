"""The set-based age rule (sql.mei_required_sql) agrees with learners/mei.py at every boundary."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from bridgework.compliance.sql import mei_required_sql
from bridgework.compliance.tests import factories as f
from bridgework.learners.mei import mei_requirement_for
from bridgework.learners.models import Enrolment

BIRTHS = [date(2009, 8, 31), date(2009, 9, 1), date(2006, 8, 31), date(2006, 9, 1), date(2000, 8, 31), date(2000, 9, 1)]
STARTS = [date(2025, 7, 31), date(2025, 8, 1), date(2025, 9, 8), date(2026, 1, 10)]


@pytest.mark.django_db
def test_sql_age_rule_matches_python(world) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        qualifications = {True: f.qualification(), False: f.qualification(requires_mei=False)}
        enrolments = []
        for born, start, ehc, requires in product(BIRTHS, STARTS, (False, True), (True, False)):
            from bridgework.learners.identifiers import academic_year_of

            enrolments.append(
                f.learner(
                    world.a.centre,
                    qualifications[requires],
                    born=born,
                    ehc=ehc,
                    start=start,
                    year=academic_year_of(start),
                )
            )
        sql = (
            "SELECT e.id, CASE WHEN " + mei_required_sql().replace("%%", "%") + " THEN 1 ELSE 0 END "
            "FROM learners_enrolment e JOIN learners_learner l ON l.id = e.learner_id "
            "JOIN catalogue_qualification q ON q.id = e.qualification_id WHERE e.centre_id = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("%Y", "%%Y").replace("%m", "%%m"), [world.a.centre.pk])
            in_sql = {eid: bool(flag) for eid, flag in cursor.fetchall()}
        expected = {
            e.pk: mei_requirement_for(e).required
            for e in Enrolment.objects.filter(pk__in=[x.pk for x in enrolments]).select_related(
                "learner", "qualification"
            )
        }
    assert {k: in_sql[k] for k in expected} == expected
    assert sum(expected.values()) > 10 and sum(1 for v in expected.values() if not v) > 10
