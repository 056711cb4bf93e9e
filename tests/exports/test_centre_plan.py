"""The OCR MEI Centre Plan: its six fields in OCR's wording, as XLSX and as a PDF, from the plan's rows."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from bridgework.activities.exports.centre_plan import HEADERS, centre_plan_html, centre_plan_pdf, centre_plan_table
from bridgework.activities.models import PlannedActivity
from tests.exports.conftest import Cohort, the_day
from tests.pdf_text import laid_out_text

pytestmark = pytest.mark.django_db


def test_the_six_fields_are_ocrs() -> None:
    assert HEADERS == [
        "Qualification",
        "Unit",
        "What do you plan to do?",
        "When do you plan to do it?",
        "The date you completed it (if applicable)",
        "Any comments",
    ]


def test_each_planned_row_is_a_row_of_the_centre_plan(cohort: Cohort) -> None:
    with scopes_disabled():
        rows = [list(r) for r in centre_plan_table(cohort.centre.pk, cohort.qualification, "2025/26").rows]
    label = f"{cohort.qualification.title} ({cohort.qualification.reference})"
    assert rows == [
        [
            label,
            "Unit 1: Mandatory unit",
            "Guest lectures on maintenance (with Arup)",
            f"Spring term; {the_day(14)}, {the_day(7)}",
            the_day(7),
            "Two sessions",
        ],
        [label, "Unit 3: Another mandatory unit", "Summer placement", "June", "", ""],
        [
            label,
            "Unit 3: Another mandatory unit",
            "Work placement at Arup",  # the employer is named already
            f"{the_day(21)}, {the_day(20)}",  # never planned: its session days, once
            "",
            "",
        ],
    ]


def test_the_pdf_is_generated_offline_with_every_row(world: Any, cohort: Cohort) -> None:
    with scopes_disabled():
        PlannedActivity.objects.filter(what="Summer placement").update(comments="Ask <b>Arup</b> first")
        content = centre_plan_pdf(cohort.centre, cohort.qualification, "2025/26")
        text = laid_out_text(centre_plan_html(cohort.centre, cohort.qualification, "2025/26"))
    assert content.startswith(b"%PDF")
    assert "Meaningful Employer Involvement – Centre Plan" in text and "Alpha College (10001)" in text
    for header in HEADERS[1:]:
        assert header in text
    assert "Guest lectures on maintenance (with Arup)" in text and "Summer placement" in text
    assert "Ask <b>Arup</b> first" in text  # escaped: shown as typed, never markup


def test_the_downloads_from_the_plan_page(world: Any, cohort: Cohort, staff_client: Client) -> None:
    number = world.a.centre.number
    page = staff_client.get(reverse("staff:plan_detail", kwargs={"centre": number, "pk": cohort.plan.pk}))
    responses = {}
    for file_format in ("xlsx", "pdf"):
        url = reverse(
            "staff:centre_plan_export", kwargs={"centre": number, "pk": cohort.plan.pk, "file_format": file_format}
        )
        assert url.encode() in page.content
        responses[file_format] = staff_client.get(url)
        assert responses[file_format].status_code == 200
        assert f'.{file_format}"' in responses[file_format]["Content-Disposition"]
    assert responses["pdf"].content.startswith(b"%PDF")
    sheet = load_workbook(io.BytesIO(responses["xlsx"].content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet["C2"].value == "Guest lectures on maintenance (with Arup)"
    bad = reverse("staff:centre_plan_export", kwargs={"centre": number, "pk": cohort.plan.pk, "file_format": "csv"})
    assert staff_client.get(bad).status_code == 404
