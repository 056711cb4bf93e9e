"""Creating and changing learner records and enrolments (staff with centre.manage_learners)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bridgework.core.access import centre_view
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Enrolment, Learner
from bridgework.learners.services.records import save_enrolment, save_learner
from bridgework.staff.forms import add_service_errors
from bridgework.staff.forms.learner_records import EnrolmentForm, LearnerForm

PERMISSION = "centre.manage_learners"


@centre_view(PERMISSION)
def learner_create(request: HttpRequest) -> HttpResponse:
    form = LearnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            learner = save_learner(centre=request.centre, details=form.details())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{learner.full_name} added. Now enrol them on a qualification.")
            return redirect("staff:learner_enrolment_create", centre=request.centre.number, pk=learner.pk)
    return render(request, "staff/learners/form.html", {"form": form})


@centre_view(PERMISSION)
def learner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    learner = get_object_or_404(Learner.objects.prefetch_related("awarding_numbers"), pk=pk)
    form = LearnerForm(request.POST or None, learner=learner)
    if request.method == "POST" and form.is_valid():
        try:
            save_learner(centre=request.centre, details=form.details(), learner=learner)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Learner details saved.")
            return redirect("staff:learner_detail", centre=request.centre.number, pk=learner.pk)
    return render(request, "staff/learners/form.html", {"form": form, "learner": learner})


@centre_view(PERMISSION)
def learner_enrolment_create(request: HttpRequest, pk: int) -> HttpResponse:
    learner = get_object_or_404(Learner, pk=pk)
    form = EnrolmentForm(request.POST or None, initial={"academic_year": academic_year_of(timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = save_enrolment(learner=learner, details=form.details())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{learner.full_name} enrolled on {enrolment.qualification.title}.")
            return redirect("staff:learner_detail", centre=request.centre.number, pk=learner.pk)
    return render(request, "staff/learners/enrolment_form.html", {"form": form, "learner": learner})


@centre_view(PERMISSION)
def learner_enrolment_edit(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    learner = get_object_or_404(Learner, pk=pk)
    enrolment = get_object_or_404(Enrolment.objects.select_related("qualification"), pk=enrolment_pk, learner=learner)
    form = EnrolmentForm(request.POST or None, enrolment=enrolment)
    if request.method == "POST" and form.is_valid():
        try:
            save_enrolment(learner=learner, details=form.details(), enrolment=enrolment)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Enrolment saved.")
            return redirect("staff:learner_detail", centre=request.centre.number, pk=learner.pk)
    return render(
        request, "staff/learners/enrolment_form.html", {"form": form, "learner": learner, "enrolment": enrolment}
    )
