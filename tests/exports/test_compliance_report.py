"""The compliance report: one row per enrolment with status and reasons, the dashboard's filters and a status,
CSV and XLSX with formulas kept as text, queries that do not grow with learners."""

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
from openpyxl import load_workbook

from bridgework.compliance.exports import HEADERS, compliance_report_table
from bridgework.compliance.services.dashboard import Filters
from bridgework.compliance.tests import factories as f
from bridgework.core.exports import csv_bytes
from bridgework.learners.models import EnrolmentStatus
from tests.exports.conftest import FORMULA, Cohort, add_learners, named

pytestmark = pytest.mark.django_db


def _rows(cohort: Cohort, filters: Filters | None = None, status: str = "") -> list[list[Any]]:
    with scope(centre=cohort.centre.pk):
        return [list(r) for r in compliance_report_table(filters or Filters(), status, now=f.NOW).rows]


def test_one_row_per_enrolment_with_status_and_reasons(world: Any, cohort: Cohort) -> None:
    rows = _rows(cohort, Filters(qualification=cohort.qualification.pk))
    assert [r[0] for r in rows] == ["Bob Babbage", "Cy Cerf", "Ada Lovelace"]  # never centre B's learner
    bob, cy, ada = rows
    assert ada[:8] == [
        "Ada Lovelace",
        "ADA1",
        "9276308686",
        cohort.qualification.title,
        "",
        "OCR",
        "2025/26",
        "Met",
    ]
    assert ada[8].startswith("Met by: guest lectures by Arup") and "Work placement at Arup" in ada[8]
    assert bob[7] == "Met" and bob[10] is True  # met through a contingency
    assert cy[7] == "At risk" and "No employer activity" in cy[8] and cy[9].startswith("Plan a live, eligible")


def test_filters_status_qualification_and_year(world: Any, cohort: Cohort) -> None:
    assert [r[0] for r in _rows(cohort, status="at_risk")] == ["Lee Alphason", "Cy Cerf"]  # the world's learner too
    assert _rows(cohort, status="not_met") == []
    assert [r[0] for r in _rows(cohort, status="nonsense")] == [r[0] for r in _rows(cohort)]  # ignored
    assert _rows(cohort, Filters(year="2024/25")) == []
    assert {r[3] for r in _rows(cohort, Filters(qualification=world.qualification.pk))} == {world.qualification.title}
    with scopes_disabled():
        cohort.cy.status = EnrolmentStatus.WITHDRAWN
        cohort.cy.save()
    assert "Cy Cerf" not in [r[0] for r in _rows(cohort)]  # as on the dashboard: active and completed only


def test_formulas_stay_text_in_csv_and_xlsx(world: Any, cohort: Cohort, staff_client: Client) -> None:
    with scopes_disabled():
        named(cohort.centre, cohort.qualification, FORMULA, "")
    number = world.a.centre.number
    query = f"?qualification={cohort.qualification.pk}"
    response = staff_client.get(
        reverse("staff:compliance_report_export", kwargs={"centre": number, "file_format": "csv"}) + query
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == ["'" + FORMULA + " ", "Bob Babbage", "Cy Cerf", "Ada Lovelace"]  # ' = text
    response = staff_client.get(
        reverse("staff:compliance_report_export", kwargs={"centre": number, "file_format": "xlsx"}) + query
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (FORMULA + " ", "s", True)
    met = staff_client.get(
        reverse("staff:compliance_report_export", kwargs={"centre": number, "file_format": "csv"})
        + query
        + "&status=met"
    )
    assert [r[0] for r in csv.reader(io.StringIO(met.content.decode("utf-8-sig")))][1:] == [
        "Bob Babbage",
        "Ada Lovelace",
    ]


def test_the_dashboard_offers_the_report_with_its_filters(world: Any, cohort: Cohort, staff_client: Client) -> None:
    number = world.a.centre.number
    page = staff_client.get(
        reverse("staff:compliance_dashboard", kwargs={"centre": number})
        + f"?year=2025/26&qualification={cohort.qualification.pk}"
    )
    content = page.content.decode()
    assert reverse("staff:compliance_report_export", kwargs={"centre": number, "file_format": "csv"}) in content
    assert reverse("staff:compliance_report_export", kwargs={"centre": number, "file_format": "xlsx"}) in content
    assert '<input type="hidden" name="year" value="2025/26">' in content
    assert f'<input type="hidden" name="qualification" value="{cohort.qualification.pk}">' in content
    assert '<label class="govuk-label" for="report-status">Status</label>' in content


def _count(cohort: Cohort) -> int:
    with scope(centre=cohort.centre.pk), CaptureQueriesContext(connection) as captured:
        csv_bytes(compliance_report_table(Filters(), "", now=f.NOW))
    return len(captured)


def test_the_report_queries_do_not_grow_with_learners(cohort: Cohort) -> None:
    with scopes_disabled():
        add_learners(cohort, 2, prefix="Few")
    few = _count(cohort)
    with scopes_disabled():
        add_learners(cohort, 25, prefix="Many")
    assert _count(cohort) == few <= 12
