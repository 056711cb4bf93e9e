"""Teaching groups: list (all staff), create/edit and membership (staff with centre.manage_learners)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridgework.core.access import centre_view
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Enrolment, TeachingGroup
from bridgework.learners.services.groups import add_members, remove_member, save_group
from bridgework.staff.forms import add_service_errors
from bridgework.staff.forms.groups import AddMembersForm, GroupForm

MANAGE = "centre.manage_learners"


@centre_view("centre.view")
def group_list(request: HttpRequest) -> HttpResponse:
    years = list(TeachingGroup.objects.values_list("academic_year", flat=True).distinct().order_by("-academic_year"))
    year = request.GET.get("year", "")
    if year not in years:
        current = academic_year_of(timezone.localdate())
        year = current if current in years else (years[0] if years else "")
    groups = (
        TeachingGroup.objects.filter(academic_year=year)
        .select_related("qualification__awarding_organisation", "tutor")
        .annotate(size=Count("enrolments"))
        .order_by("name")
    )
    return render(request, "staff/groups/list.html", {"groups": groups, "year": year, "years": years})


def _group(pk: int) -> TeachingGroup:
    return get_object_or_404(
        TeachingGroup.objects.select_related("qualification__awarding_organisation", "tutor"), pk=pk
    )


@centre_view("centre.view")
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    members = group.enrolments.select_related("learner").order_by("learner__family_name", "learner__given_name", "pk")
    can_manage = request.user.has_perm(MANAGE, request.centre)
    return render(
        request,
        "staff/groups/detail.html",
        {
            "group": group,
            "members": members,
            "can_manage": can_manage,
            "form": AddMembersForm(group=group) if can_manage else None,
        },
    )


@centre_view(MANAGE)
def group_create(request: HttpRequest) -> HttpResponse:
    form = GroupForm(
        request.POST or None,
        centre_id=request.centre.pk,
        initial={"academic_year": academic_year_of(timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = save_group(centre=request.centre, details=form.details())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Group {group.name} created. Now add its learners.")
            return redirect("staff:group_detail", centre=request.centre.number, pk=group.pk)
    return render(request, "staff/groups/form.html", {"form": form})


@centre_view(MANAGE)
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    form = GroupForm(request.POST or None, centre_id=request.centre.pk, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            save_group(centre=request.centre, details=form.details(), group=group)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Group {group.name} saved.")
            return redirect("staff:group_detail", centre=request.centre.number, pk=group.pk)
    return render(request, "staff/groups/form.html", {"form": form, "group": group})


@centre_view(MANAGE)
@require_POST
def group_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    form = AddMembersForm(request.POST, group=group)
    if form.is_valid():
        try:
            added = add_members(group, form.cleaned_data["enrolments"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{added} learner{'s' if added != 1 else ''} added to {group.name}.")
            return redirect("staff:group_detail", centre=request.centre.number, pk=group.pk)
    members = group.enrolments.select_related("learner").order_by("learner__family_name", "learner__given_name")
    return render(
        request,
        "staff/groups/detail.html",
        {"group": group, "members": members, "can_manage": True, "form": form},
    )


@centre_view(MANAGE)
@require_POST
def group_member_remove(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    group = _group(pk)
    enrolment = get_object_or_404(Enrolment.objects.select_related("learner"), pk=enrolment_pk)
    try:
        remove_member(group, enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{enrolment.learner.full_name} removed from {group.name}.")
    return redirect("staff:group_detail", centre=request.centre.number, pk=group.pk)
