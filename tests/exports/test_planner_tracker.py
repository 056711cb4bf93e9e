"""The Employer Involvement Planner and Tracker: the plan sheet, the per-learner tracker with the engine's
verdict, the changes and details sheets; queries that do not grow with learners; LibreOffice reads it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from bridgework.activities.exports.plan_rows import NOT_ARRANGED, plan_rows
from bridgework.activities.exports.planner_tracker import (
    PLAN_HEADERS,
    TRACKER_HEADERS,
    planner_tracker_tables,
    planner_tracker_xlsx,
)
from bridgework.activities.models import PlannedActivity
from bridgework.activities.services import plans as plan_service
from bridgework.compliance.tests import factories as f
from bridgework.core.tests.libreoffice import needs_soffice, sheets_as_csv
from tests.exports.conftest import FORMULA, Cohort, add_learners, named, the_day

pytestmark = pytest.mark.django_db


def _tables(cohort: Cohort) -> dict[str, list[list[Any]]]:
    with scopes_disabled():
        tables = planner_tracker_tables(cohort.centre, cohort.qualification, "2025/26", now=f.NOW)
        return {t.name: [t.headers, *[list(r) for r in t.rows]] for t in tables}


def _plan_expected(cohort: Cohort) -> list[list[Any]]:
    lectures = [
        "Unit 1: Mandatory unit",
        "Guest lectures on maintenance",
        "Guest lecture",
        "Arup",
        "Pat Smith (Senior engineer)",
        "Spring term",
        f"{the_day(14)}, {the_day(7)}",
        the_day(7),
        "Delivered",
        2,
        "Two sessions",
    ]
    summer = ["Unit 3: Another mandatory unit", "Summer placement", "", "", "", "June", "", "", NOT_ARRANGED, 0, ""]
    placement = [
        "Unit 3: Another mandatory unit",
        "Work placement at Arup",
        "Work placement (arranged by the centre)",
        "Arup",
        "",
        "",  # never planned: no planned time, only its session days
        f"{the_day(21)}, {the_day(20)}",
        "",
        "Confirmed",
        1,
        "",
    ]
    return [lectures, summer, placement]


def test_the_plan_sheet_lists_planned_rows_then_unplanned_activities_unit_by_unit(cohort: Cohort) -> None:
    sheets = _tables(cohort)
    assert list(sheets) == ["Plan", "Tracker", "Changes", "Details"]
    assert sheets["Plan"][0] == PLAN_HEADERS
    assert sheets["Plan"][1:] == _plan_expected(cohort)


def test_a_withdrawn_planned_row_leaves_the_plan_and_its_history_is_in_changes(world: Any, cohort: Cohort) -> None:
    with scopes_disabled():
        row = PlannedActivity.objects.get(what="Summer placement")
        plan_service.withdraw_row(row, by=world.a.staff, reason="Employer pulled out")
    sheets = _tables(cohort)
    assert [r[1] for r in sheets["Plan"][1:]] == ["Guest lectures on maintenance", "Work placement at Arup"]
    change = sheets["Changes"][-1]
    assert change[1:] == ["Sid Alpha", "Withdrawn planned activity “Summer placement”", "", "Employer pulled out"]


def test_the_tracker_has_a_row_per_learner_and_activity_with_met_or_not_yet_met(cohort: Cohort) -> None:
    sheets = _tables(cohort)
    tracker = sheets["Tracker"]
    assert tracker[0] == TRACKER_HEADERS
    by_name: dict[str, list[list[Any]]] = {}
    for row in tracker[1:]:
        by_name.setdefault(row[0], []).append(row)
    assert list(by_name) == ["Bob Babbage", "Cy Cerf", "Ada Lovelace"]  # by family name; centre B never appears
    reference = cohort.qualification.reference

    (bob,) = by_name["Bob Babbage"]
    assert bob[:12] == [
        "Bob Babbage",
        "",
        "",
        reference,
        "Guest lectures: maintenance",
        "Guest lecture",
        "Arup",
        "Unit 1: Mandatory unit",
        the_day(14),
        f"Watched a recording for {the_day(7)}",
        "Lecture subject: slides.pdf",
        "Met through a contingency",
    ]
    assert bob[12:14] == ["Met", "Met"]

    (cy,) = by_name["Cy Cerf"]
    assert cy[4:12] == [""] * 8
    assert cy[12:14] == ["Not yet met", "At risk"] and "No employer activity" in cy[14]

    placement, lectures = by_name["Ada Lovelace"]  # in the order the activities happened
    assert placement[1:3] == ["4821", "9276308686"]
    assert placement[4] == "Work placement at Arup" and placement[8] == the_day(21)
    assert placement[10:12] == ["None uploaded", "Not attended in full"]
    assert lectures[4] == "Guest lectures: maintenance" and lectures[8] == f"{the_day(14)}, {the_day(7)}"
    assert lectures[11:14] == ["Met", "Met", "Met"] and lectures[14].startswith("Met by: guest lectures by Arup")


def test_the_details_sheet_says_where_practitioners_come_from(cohort: Cohort) -> None:
    details = {row[0]: row[1] for row in _tables(cohort)["Details"][1:]}
    assert details["Centre"] == "Alpha College (10001)"
    assert details["Where practitioners will come from"] == "Local engineering firms"
    assert details["Contingency for absent learners"] == "Recordings and catch-up sessions"
    assert details["Plan"] == "Current" and details["Academic year"] == "2025/26"


def _count_queries(cohort: Cohort) -> int:
    with scopes_disabled(), CaptureQueriesContext(connection) as captured:
        planner_tracker_xlsx(cohort.centre, cohort.qualification, "2025/26", now=f.NOW)
    return len(captured)


def test_the_workbook_queries_do_not_grow_with_learners(cohort: Cohort) -> None:
    with scopes_disabled():
        add_learners(cohort, 2, prefix="Few")
    few = _count_queries(cohort)
    with scopes_disabled():
        add_learners(cohort, 25, prefix="Many")
    assert _count_queries(cohort) == few
    assert few <= 25


def test_a_formula_in_a_learner_name_stays_text(cohort: Cohort) -> None:
    with scopes_disabled():
        named(cohort.centre, cohort.qualification, FORMULA, "")
        content = planner_tracker_xlsx(cohort.centre, cohort.qualification, "2025/26", now=f.NOW)
    sheet = load_workbook(io.BytesIO(content))["Tracker"]
    cell = next(row[0] for row in sheet.iter_rows(min_row=2) if str(row[0].value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix is True


@needs_soffice
def test_libreoffice_reads_the_plan_and_the_tracker(cohort: Cohort, tmp_path: Path) -> None:
    with scopes_disabled():
        named(cohort.centre, cohort.qualification, FORMULA, "Evil")
        content = planner_tracker_xlsx(cohort.centre, cohort.qualification, "2025/26", now=f.NOW)
    source = tmp_path / "planner.xlsx"
    source.write_bytes(content)
    sheets = sheets_as_csv(source)
    assert list(sheets) == ["Changes", "Details", "Plan", "Tracker"]
    assert sheets["Plan"][0] == PLAN_HEADERS
    assert sheets["Plan"][1:] == [[str(cell) for cell in row] for row in _plan_expected(cohort)]
    tracker = sheets["Tracker"]
    assert tracker[0] == TRACKER_HEADERS
    assert [row[0] for row in tracker[1:]] == [
        "Bob Babbage",
        "Cy Cerf",
        f"{FORMULA} Evil",  # the text itself: the formula never ran (it would show "y")
        "Ada Lovelace",
        "Ada Lovelace",
    ]
    ada = tracker[-1]
    assert ada[:5] == [
        "Ada Lovelace",
        "4821",
        "9276308686",
        cohort.qualification.reference,
        "Guest lectures: maintenance",
    ]
    assert ada[12] == "Met"
    assert ["Where practitioners will come from", "Local engineering firms"] in sheets["Details"]


def test_the_plan_page_links_to_the_downloads(world: Any, cohort: Cohort, staff_client: Client) -> None:
    number = world.a.centre.number
    page = staff_client.get(reverse("staff:plan_detail", kwargs={"centre": number, "pk": cohort.plan.pk}))
    url = reverse("staff:planner_tracker_export", kwargs={"centre": number, "pk": cohort.plan.pk})
    assert url.encode() in page.content
    response = staff_client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Plan", "Tracker", "Changes", "Details"]
    assert workbook["Plan"]["B2"].value == "Guest lectures on maintenance"


def test_a_submissions_stored_plan_reads_back_as_the_same_rows(cohort: Cohort) -> None:
    import json

    from bridgework.activities.exports.plan_rows import PlanRow
    from bridgework.moderation.services import sources

    with scopes_disabled():
        stored = json.loads(json.dumps(sources.planner_rows(cohort.centre.pk, cohort.qualification.pk, "2025/26")))
        rows = plan_rows(cohort.centre.pk, cohort.qualification.pk, "2025/26")
    assert [PlanRow.from_dict(row) for row in stored] == rows  # as a JSONField keeps it, and back
    assert stored[0]["what"] == "Guest lectures on maintenance" and stored[0]["activity_id"] == cohort.lectures.pk


def test_the_moderation_pack_holds_this_workbook_with_the_plan_as_submitted(world: Any, cohort: Cohort) -> None:
    import zipfile

    from bridgework.moderation.services import pack, sources
    from bridgework.moderation.tests import factories as mf

    submission = mf.submission(world.a, cohort.qualification, "submitted")
    with scopes_disabled():
        round_ = submission.rounds.get()
        round_.planner_snapshot = sources.planner_rows(cohort.centre.pk, cohort.qualification.pk, "2025/26")
        round_.save()
        PlannedActivity.objects.filter(what="Summer placement").update(what="Changed after submitting")
        archive = zipfile.ZipFile(io.BytesIO(pack.pack_bytes(round_)))
    workbook = load_workbook(io.BytesIO(archive.read("planner.xlsx")))
    assert workbook.sheetnames == ["Plan", "Tracker", "Changes", "Details"]
    assert [row[1].value for row in workbook["Plan"].iter_rows(min_row=2)] == [
        "Guest lectures on maintenance",
        "Summer placement",  # as submitted, not as changed since
        "Work placement at Arup",
    ]
    details = {row[0].value: row[1].value for row in workbook["Details"].iter_rows(min_row=2)}
    assert details["Plan"].startswith("As submitted on")
    assert {row[0].value for row in workbook["Tracker"].iter_rows(min_row=2)} == {
        "Bob Babbage",
        "Cy Cerf",
        "Ada Lovelace",
    }


def test_a_snapshot_stored_before_the_new_columns_still_reads() -> None:
    from bridgework.activities.exports.plan_rows import PlanRow

    old = {
        "unit": "1",
        "what": "Placement",
        "type": "Work experience",
        "when": "3 Mar 2026",
        "completed": "",
        "employer": "Acme",
        "learners": "3",
        "status": "Delivered",
        "comments": "",
        "activity_id": 7,
    }
    row = PlanRow.from_dict(old)
    assert (row.what, row.learners, row.activity_id, row.delivered_by, row.dates) == ("Placement", 3, 7, "", "")
