"""Centre compliance dashboards: overview with charts, the at-risk list, the coverage grid, reminders."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bridgework.compliance import charts
from bridgework.compliance.engine import STATUS_LABELS
from bridgework.compliance.reasons import TITLES
from bridgework.compliance.services.dashboard import Filters, cohort, filter_options, overview
from bridgework.compliance.services.preferences import set_weekly_digest, wants_weekly_digest
from bridgework.core.access import centre_view
from bridgework.learners.models import Enrolment

AT_RISK_PAGE_SIZE = 50
GRID_PAGE_SIZE = 30
CELL_LABELS = {
    "MET": "Counts",
    "CONTINGENCY": "Counts (contingency)",
    "PLANNED": "Planned",
    "NOT_DELIVERED": "Not delivered",
    "NOT_ATTENDED": "Missed",
    "TOO_FEW_SESSIONS": "Too few sessions",
    "RECORDED_ONLY": "Recorded only",
    "INELIGIBLE_ACTIVITY_TYPE": "Never counts",
    "NOT_LINKED_TO_QUALIFICATION": "Not linked",
    "EMPLOYER_NOT_RELEVANT": "Not relevant",
}


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _base_context(request: HttpRequest, filters: Filters) -> dict[str, object]:
    return {
        "filters": filters,
        "options": filter_options(Enrolment.objects.all()),
        "querystring": _querystring(request),
        "status_labels": STATUS_LABELS,
    }


@centre_view("centre.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET)
    data = overview(cohort(filters), with_groups=False)
    chart = None
    if data.by_qualification and data.required:
        chart = charts.status_bars(
            [
                (title, counts)
                for title, counts in data.by_qualification
                if sum(counts.values()) > counts["not_required"]
            ],
            label="Percentage of learners met, on track, at risk and not met, per qualification",
        )
    return render(
        request,
        "compliance/dashboard.html",
        {
            **_base_context(request, filters),
            "data": data,
            "chart": chart,
            "at_risk": data.at_risk()[:10],
            "percent": {s: data.percent(s) for s in ("met", "on_track", "at_risk", "not_met")},
        },
    )


@centre_view("centre.view")
def at_risk(request: HttpRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET)
    data = overview(cohort(filters))
    rows = [(e, r, data.groups_of.get(e.id, [])) for e, r in data.at_risk()]
    page = Paginator(rows, AT_RISK_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "compliance/at_risk.html", {**_base_context(request, filters), "page_obj": page})


@centre_view("centre.view")
def coverage(request: HttpRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET)
    options = filter_options(Enrolment.objects.all())
    if not filters.qualification and options["qualifications"]:
        # One qualification at a time: the grid's columns are that qualification's activities.
        filters = Filters(options["qualifications"][0][0], filters.group, filters.tutor, filters.year)
    enrolments = cohort(filters).order_by("learner__family_name", "learner__given_name", "pk")
    page = Paginator(enrolments.values_list("pk", flat=True), GRID_PAGE_SIZE).get_page(request.GET.get("page"))
    data = overview(Enrolment.objects.filter(pk__in=list(page.object_list)))
    activities = sorted(data.facts.activities.values(), key=lambda a: (a.title, a.id))
    rows = []
    for eid in page.object_list:
        result = data.results[eid]
        by_activity = {}
        for reason in result.reasons:
            if reason.activity_id is not None and reason.activity_id not in by_activity:
                by_activity[reason.activity_id] = reason
        rows.append(
            {
                "enrolment": data.facts.enrolments[eid],
                "result": result,
                "cells": [
                    (by_activity.get(a.id), CELL_LABELS.get(getattr(by_activity.get(a.id), "code", ""), ""))
                    for a in activities
                ],
            }
        )
    return render(
        request,
        "compliance/coverage.html",
        {
            **_base_context(request, filters),
            "options": options,
            "page_obj": page,
            "activities": activities,
            "rows": rows,
            "titles": TITLES,
        },
    )


@centre_view("centre.view")
def reminders(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        wanted = request.POST.get("weekly_digest") == "yes"
        set_weekly_digest(request.user, wanted)
        messages.success(
            request, "You will get the weekly digest." if wanted else "You will no longer get the weekly digest."
        )
        return redirect("staff:compliance_reminders", centre=request.centre.number)  # type: ignore[attr-defined]
    return render(request, "compliance/reminders.html", {"weekly_digest": wants_weekly_digest(request.user)})
