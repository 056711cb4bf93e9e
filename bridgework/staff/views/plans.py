"""Centre plans per qualification and year: units × planned and delivered activities, with their history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from bridgework.activities.models import Activity, CentrePlan, PlannedActivity, PlanRevision
from bridgework.activities.services import plans as plan_service
from bridgework.catalogue.models import Unit
from bridgework.core.access import centre_view
from bridgework.staff.planner_forms import PlanForm, PlannedActivityForm, WithdrawForm


def _apply_errors(form, error: ValidationError) -> None:  # type: ignore[no-untyped-def]
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@centre_view("activities.view")
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = (
        CentrePlan.objects.select_related("qualification__awarding_organisation")
        .annotate(
            planned=Count("planned_activities", filter=Q(planned_activities__withdrawn_at=None), distinct=True),
            completed=Count(
                "planned_activities",
                filter=Q(planned_activities__withdrawn_at=None, planned_activities__date_completed__isnull=False),
                distinct=True,
            ),
        )
        .order_by("-academic_year", "qualification__title")
    )
    return render(request, "staff/plans/list.html", {"plans": plans})


@centre_view("activities.manage")
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_service.create_plan(
                centre_id=request.centre.pk,
                by=request.user,
                qualification=form.cleaned_data["qualification"],
                academic_year=form.cleaned_data["academic_year"],
                practitioner_sources=form.cleaned_data["practitioner_sources"],
                contingency_plan=form.cleaned_data["contingency_plan"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Plan created.")
            return redirect("staff:plan_detail", centre=request.centre.number, pk=plan.pk)
    return render(request, "staff/plans/form.html", {"form": form})


@centre_view("activities.view")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(CentrePlan.objects.select_related("qualification__awarding_organisation"), pk=pk)
    rows = list(
        PlannedActivity.objects.filter(plan=plan).select_related("unit", "activity").order_by("created_at", "id")
    )
    activities = list(
        Activity.objects.filter(qualifications=plan.qualification, academic_year=plan.academic_year)
        .select_related("employer")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.only("id", "qualification_id")))
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("title")
    )
    units = list(Unit.objects.filter(qualification=plan.qualification).order_by("id"))
    by_unit = []
    for unit in units:
        unit_rows = [r for r in rows if r.unit_id == unit.pk]
        unit_activities = [a for a in activities if any(u.pk == unit.pk for u in a.units.all())]
        by_unit.append({"unit": unit, "rows": unit_rows, "activities": unit_activities})
    unassigned = [r for r in rows if r.unit_id is None]
    revisions = PlanRevision.objects.filter(plan=plan).select_related("changed_by", "planned_activity")[:50]
    return render(
        request,
        "staff/plans/detail.html",
        {"plan": plan, "by_unit": by_unit, "unassigned": unassigned, "revisions": revisions},
    )


@centre_view("activities.manage")
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(CentrePlan.objects.select_related("qualification"), pk=pk)
    form = PlanForm(request.POST or None, instance=CentrePlan.objects.get(pk=plan.pk))
    if request.method == "POST" and form.is_valid():
        plan_service.update_plan(
            plan,
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
            practitioner_sources=form.cleaned_data["practitioner_sources"],
            contingency_plan=form.cleaned_data["contingency_plan"],
        )
        messages.success(request, "Plan updated. The change is kept in its history.")
        return redirect("staff:plan_detail", centre=request.centre.number, pk=plan.pk)
    return render(request, "staff/plans/form.html", {"form": form, "plan": plan})


@centre_view("activities.manage")
def planned_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(CentrePlan.objects.select_related("qualification"), pk=pk)
    initial = {"unit": request.GET.get("unit")} if request.GET.get("unit") else None
    form = PlannedActivityForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan_service.add_row(plan, form.save(commit=False), by=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Planned activity added.")
            return redirect("staff:plan_detail", centre=request.centre.number, pk=plan.pk)
    return render(request, "staff/plans/row_form.html", {"form": form, "plan": plan})


@centre_view("activities.manage")
def planned_edit(request: HttpRequest, pk: int, row: int) -> HttpResponse:
    plan = get_object_or_404(CentrePlan.objects.select_related("qualification"), pk=pk)
    planned = get_object_or_404(PlannedActivity, pk=row, plan=plan)
    form = PlannedActivityForm(request.POST or None, plan=plan, instance=PlannedActivity.objects.get(pk=planned.pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in plan_service.ROW_FIELDS}
        try:
            plan_service.update_row(planned, by=request.user, reason=form.cleaned_data.get("reason", ""), **fields)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Planned activity updated. The change is kept in the plan's history.")
            return redirect("staff:plan_detail", centre=request.centre.number, pk=plan.pk)
    return render(request, "staff/plans/row_form.html", {"form": form, "plan": plan, "row": planned})


@centre_view("activities.manage")
def planned_withdraw(request: HttpRequest, pk: int, row: int) -> HttpResponse:
    plan = get_object_or_404(CentrePlan.objects.select_related("qualification"), pk=pk)
    planned = get_object_or_404(PlannedActivity, pk=row, plan=plan)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan_service.withdraw_row(planned, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "Planned activity withdrawn. It stays visible in the plan's history.")
        return redirect("staff:plan_detail", centre=request.centre.number, pk=plan.pk)
    return render(request, "staff/plans/withdraw.html", {"form": form, "plan": plan, "row": planned})
