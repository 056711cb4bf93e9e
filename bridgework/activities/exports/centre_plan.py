"""The OCR "Meaningful Employer Involvement – Centre Plan" (seed 000, domain.md §6) for one qualification and
year, as XLSX and PDF: the six fields the Visiting Moderator asks to see, in OCR's own wording. Its rows are the
plan's rows (plan_rows), the same ones the C&G planner and the moderation submission show."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from bridgework.activities.exports.plan_rows import NOT_ARRANGED, PlanRow, plan_rows
from bridgework.catalogue.models import Qualification
from bridgework.core.exports import ExportTable
from bridgework.core.pdf import html_pdf

# Seed 000: "This plan covers: the qualification; the unit; what do you plan to do?; when do you plan to do it?;
# the date you completed it (if applicable); any comments."
HEADERS = [
    "Qualification",
    "Unit",
    "What do you plan to do?",
    "When do you plan to do it?",
    "The date you completed it (if applicable)",
    "Any comments",
]


def when(row: PlanRow) -> str:
    """The planned time, and the session days once the activity is arranged ("Spring term; 3 Mar 2026")."""
    if row.dates and row.dates != row.when:
        return f"{row.when}; {row.dates}" if row.when else row.dates
    return row.when


def what(row: PlanRow) -> str:
    """What is planned, and with whom once arranged: the moderator looks for employers' commitment."""
    if row.employer and row.status != NOT_ARRANGED and row.employer.lower() not in row.what.lower():
        return f"{row.what} (with {row.employer})"
    return row.what


def qualification_label(qualification: Qualification) -> str:
    return f"{qualification.title} ({qualification.reference})"


def centre_plan_cells(rows: list[PlanRow]) -> list[list[str]]:
    """The five per-row fields (the qualification is the sixth, the same for every row)."""
    return [[row.unit, what(row), when(row), row.completed, row.comments] for row in rows]


def centre_plan_table(centre_id: int, qualification: Qualification, academic_year: str) -> ExportTable:
    label = qualification_label(qualification)
    cells = centre_plan_cells(plan_rows(centre_id, qualification.pk, academic_year))
    return ExportTable("MEI Centre Plan", HEADERS, ([label, *row] for row in cells))


def centre_plan_html(centre: Any, qualification: Qualification, academic_year: str) -> str:
    return render_to_string(
        "activities/centre_plan.html",
        {
            "centre": centre,
            "qualification": qualification_label(qualification),
            "awarding_organisation": qualification.awarding_organisation.name,
            "academic_year": academic_year,
            "headers": HEADERS[1:],
            "rows": centre_plan_cells(plan_rows(centre.pk, qualification.pk, academic_year)),
            "generated_at": timezone.localtime(),
        },
    )


def centre_plan_pdf(centre: Any, qualification: Qualification, academic_year: str) -> bytes:
    """The plan as a PDF, rendered offline: the template is self-contained and nothing is fetched."""
    return html_pdf(centre_plan_html(centre, qualification, academic_year))
