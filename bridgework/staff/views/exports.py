"""Downloads of the centre's data. Every text cell is neutralised against formula injection (core.exports);
what goes into each document is decided in its domain module, these views only choose and name the file."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify

from bridgework.activities.exports.centre_plan import centre_plan_pdf, centre_plan_table
from bridgework.activities.exports.planner_tracker import planner_tracker_tables
from bridgework.activities.exports.work_placements import work_placements_table
from bridgework.activities.models import CentrePlan
from bridgework.compliance.exports import compliance_report_table
from bridgework.compliance.services.dashboard import Filters
from bridgework.core.access import centre_view
from bridgework.core.exports import export_response, workbook_response
from bridgework.core.pdf import pdf_response
from bridgework.learners.exports import learners_table
from bridgework.learners.identifiers import is_academic_year


def _dated(name: str, request: HttpRequest) -> str:
    return f"{name}-{request.centre.number}-{timezone.localdate():%Y-%m-%d}"  # type: ignore[attr-defined]


def _plan(pk: int) -> CentrePlan:
    return get_object_or_404(CentrePlan.objects.select_related("centre", "qualification__awarding_organisation"), pk=pk)


def _plan_name(kind: str, plan: CentrePlan) -> str:
    reference = slugify(plan.qualification.reference)
    return f"{kind}-{plan.centre.number}-{reference}-{plan.academic_year.replace('/', '-')}"


@centre_view("centre.export_data")
def learner_export(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in ("csv", "xlsx"):
        raise Http404
    return export_response(learners_table(), file_format, _dated("learners", request))


@centre_view("centre.export_data")
def planner_tracker_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    tables = planner_tracker_tables(request.centre, plan.qualification, plan.academic_year)  # type: ignore[attr-defined]
    return workbook_response(tables, _plan_name("planner-tracker", plan))


@centre_view("centre.export_data")
def centre_plan_export(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in ("xlsx", "pdf"):
        raise Http404
    plan = _plan(pk)
    name = _plan_name("mei-centre-plan", plan)
    if file_format == "xlsx":
        return export_response(centre_plan_table(plan.centre_id, plan.qualification, plan.academic_year), "xlsx", name)
    content = centre_plan_pdf(request.centre, plan.qualification, plan.academic_year)  # type: ignore[attr-defined]
    return pdf_response(content, f"{name}.pdf")


@centre_view("centre.export_data")
def compliance_report_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The dashboard's filters (qualification, group, tutor, year) and a status."""
    if file_format not in ("csv", "xlsx"):
        raise Http404
    table = compliance_report_table(Filters.from_query(request.GET), request.GET.get("status", ""))
    return export_response(table, file_format, _dated("compliance", request))


@centre_view("centre.export_data")
def work_placements_export(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "").strip()
    year = year if is_academic_year(year) else ""  # anything else is "every year", never a database error
    table = work_placements_table(request.centre.pk, year)  # type: ignore[attr-defined]
    return export_response(table, "csv", _dated("work-placements-ilr", request))
