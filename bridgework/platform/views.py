"""Platform administration: centres and the qualification catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from bridgework.catalogue.models import Qualification, Unit
from bridgework.core.access import platform_view, unscoped_for_platform
from bridgework.people.models import Centre, Role
from bridgework.people.services.centres import create_centre
from bridgework.people.services.invitations import invite
from bridgework.platform.forms import CentreForm, QualificationForm, UnitForm


@platform_view
def home(request: HttpRequest) -> HttpResponse:
    centres = list(Centre.objects.order_by("name"))
    return render(
        request,
        "platform/home.html",
        {"centres": centres, "qualification_count": Qualification.objects.count()},
    )


@platform_view
def centre_create(request: HttpRequest) -> HttpResponse:
    form = CentreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic(), unscoped_for_platform():
            ao = data["awarding_organisation"]
            centre = create_centre(
                number=data["number"],
                name=data["name"],
                ukprn=data["ukprn"],
                awarding_organisation_code=ao.code if ao else "",
                ao_number=data["ao_number"],
            )
            invite(centre=centre, email=data["admin_email"], role=Role.CENTRE_ADMIN, invited_by=request.user)
        messages.success(request, f"{centre.name} created. {data['admin_email']} has been invited as administrator.")
        return redirect("platform:home")
    return render(request, "platform/centre_form.html", {"form": form})


@platform_view
def qualification_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    qualifications = Qualification.objects.select_related("awarding_organisation", "sector").annotate(
        unit_count=Count("units")
    )
    if query:
        qualifications = qualifications.filter(
            Q(title__icontains=query) | Q(qan__icontains=query) | Q(ao_code__iexact=query)
        )
    mei = request.GET.get("requires_mei", "")
    if mei in ("yes", "no"):
        qualifications = qualifications.filter(requires_mei=(mei == "yes"))
    page = Paginator(qualifications.order_by("awarding_organisation__name", "title"), 50).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "platform/qualification_list.html",
        {"page_obj": page, "query": query, "requires_mei": mei, "querystring": params.urlencode()},
    )


@platform_view
def qualification_create(request: HttpRequest) -> HttpResponse:
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        qualification = form.save()
        messages.success(request, f"{qualification.title} added to the catalogue.")
        return redirect("platform:qualification_edit", pk=qualification.pk)
    return render(request, "platform/qualification_form.html", {"form": form})


@platform_view
def qualification_edit(request: HttpRequest, pk: int) -> HttpResponse:
    qualification = get_object_or_404(Qualification, pk=pk)
    form = QualificationForm(request.POST or None, instance=qualification)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Qualification saved.")
        return redirect("platform:qualification_edit", pk=pk)
    return render(
        request,
        "platform/qualification_form.html",
        {"form": form, "qualification": qualification, "units": qualification.units.all()},
    )


@platform_view
def unit_create(request: HttpRequest, pk: int) -> HttpResponse:
    qualification = get_object_or_404(Qualification, pk=pk)
    form = UnitForm(request.POST or None, qualification=qualification)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Unit added.")
            return redirect("platform:qualification_edit", pk=pk)
    return render(request, "platform/unit_form.html", {"form": form, "qualification": qualification})


@platform_view
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("qualification"), pk=pk)
    form = UnitForm(request.POST or None, instance=unit, qualification=unit.qualification)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Unit saved.")
        return redirect("platform:qualification_edit", pk=unit.qualification_id)
    return render(request, "platform/unit_form.html", {"form": form, "qualification": unit.qualification, "unit": unit})
