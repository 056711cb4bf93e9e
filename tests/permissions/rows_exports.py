"""Permission rows for the exports: the planner and tracker and the OCR centre plan (per plan), the compliance
report and the ILR work placements. Centre staff and admins may download; another centre's plan is a 404."""

from __future__ import annotations

from typing import Any

from tests.permissions.base import STAFF, Row, centre_only
from tests.permissions.rows_planner import plan
from tests.world import CentreWorld, World


def plan_as(file_format: str):  # type: ignore[no-untyped-def]
    def kwargs(w: World, c: CentreWorld) -> dict[str, Any]:
        return {**plan(w, c), "file_format": file_format}

    return kwargs


def centre_as(file_format: str):  # type: ignore[no-untyped-def]
    def kwargs(w: World, c: CentreWorld) -> dict[str, Any]:
        return {"centre": c.centre.number, "file_format": file_format}

    return kwargs


ROWS = [
    Row("staff:planner_tracker_export", STAFF, kwargs=plan),
    Row("staff:centre_plan_export", STAFF, kwargs=plan_as("xlsx")),
    Row("staff:centre_plan_export", STAFF, kwargs=plan_as("pdf")),
    Row("staff:compliance_report_export", STAFF, kwargs=centre_as("csv")),
    Row("staff:compliance_report_export", STAFF, kwargs=centre_as("xlsx")),
    Row("staff:work_placements_export", STAFF, kwargs=centre_only),
]
API_ROWS: list = []
