"""Work placements for the ILR: one row per learner and placement, with the WorkPlacement fields (start, end,
planned hours, mode, employer), for the MIS team; queries that do not grow with learners."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from bridgework.activities.exports.work_placements import HEADERS, work_placements_table
from bridgework.catalogue.models import Qualification, aim_ref
from bridgework.compliance.tests import factories as f
from bridgework.core.exports import csv_bytes
from tests.exports.conftest import FORMULA, Cohort, a_date, add_learners, named

pytestmark = pytest.mark.django_db


def _rows(cohort: Cohort, year: str = "") -> list[list[Any]]:
    with scope(centre=cohort.centre.pk):
        return [list(r) for r in work_placements_table(cohort.centre.pk, year).rows]


def test_a_row_per_learner_placement_with_the_ilr_fields(cohort: Cohort) -> None:
    with scopes_disabled():
        Qualification.objects.filter(pk=cohort.qualification.pk).update(qan="603/1234/5")
    (ada,) = _rows(cohort)  # the lectures are not a placement; centre B's placement is not ours
    assert dict(zip(HEADERS, ada, strict=True)) == {
        "LearnRefNumber": "ADA1",
        "ULN": "9276308686",
        "GivenNames": "Ada",
        "FamilyName": "Lovelace",
        "LearnAimRef": "60312345",
        "Qualification": cohort.qualification.title,
        "WorkPlaceStartDate": a_date(21),
        "WorkPlaceEndDate": a_date(20),
        "WorkPlaceHours": 13,  # two 7-hour days less a 30-minute lunch break each, planned
        "Hours attended": 6.5,  # she missed the second day
        "WorkPlaceMode": 2,
        "Mode": "External work placement",
        "WorkPlaceEmpId": "123456789",
        "Employer": "Arup",
        "Employer postcode": "LS1 4AP",
        "Companies House number": "01234567",
        "Activity": "Work placement at Arup",
        "Academic year": "2025/26",
    }


def test_simulated_environments_are_internal_and_cancelled_placements_are_left_out(cohort: Cohort) -> None:
    with scopes_disabled():
        salon = f.activity(
            cohort.centre, cohort.qualification, type="simulated_environment", sessions=(f.past(days=2),), title="Salon"
        )
        f.join(salon, cohort.cy)
        cancelled = f.activity(
            cohort.centre, cohort.qualification, type="work_experience", status="cancelled", title="Cancelled"
        )
        f.join(cancelled, cohort.cy)
    rows = _rows(cohort)
    assert [(r[3], r[HEADERS.index("Activity")], r[10], r[11]) for r in rows] == [
        ("Cerf", "Salon", 1, "Internal (simulated) work placement"),
        ("Lovelace", "Work placement at Arup", 2, "External work placement"),
    ]
    assert rows[0][8] == 2  # a two-hour session, no break


def test_the_year_filter(cohort: Cohort) -> None:
    assert len(_rows(cohort, "2025/26")) == 1 and _rows(cohort, "2024/25") == []


def test_learn_aim_ref_is_the_qan_without_slashes() -> None:
    assert aim_ref("601/7698/2") == "60176982"


def test_the_csv_download_from_the_activities_page(world: Any, cohort: Cohort, staff_client: Client) -> None:
    with scopes_disabled():
        evil = named(cohort.centre, cohort.qualification, FORMULA, "Evil")
        f.join(cohort.placement, evil)
    number = world.a.centre.number
    page = staff_client.get(reverse("staff:activity_list", kwargs={"centre": number}) + "?year=2025/26")
    url = reverse("staff:work_placements_export", kwargs={"centre": number})
    assert f"{url}?year=2025/26".encode() in page.content
    response = staff_client.get(url + "?year=2025/26")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert [(r[2], r[6], r[7], r[8]) for r in rows[1:]] == [
        ("'" + FORMULA, a_date(21).isoformat(), a_date(20).isoformat(), "13"),  # the apostrophe: text, not formula
        ("Ada", a_date(21).isoformat(), a_date(20).isoformat(), "13"),
    ]


def _count(cohort: Cohort) -> int:
    with scope(centre=cohort.centre.pk), CaptureQueriesContext(connection) as captured:
        csv_bytes(work_placements_table(cohort.centre.pk))
    return len(captured)


def test_the_queries_do_not_grow_with_learners(cohort: Cohort) -> None:
    with scopes_disabled():
        add_learners(cohort, 2, prefix="Few")
    few = _count(cohort)
    with scopes_disabled():
        add_learners(cohort, 25, prefix="Many")
    assert len(_rows(cohort)) == 28
    assert _count(cohort) == few <= 8
