"""Evidence files (upload, permission-checked download) and the generated cohort attendance record."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from bridgework.activities.models import Activity, EvidenceFile
from bridgework.activities.services.attendance_pdf import attendance_pdf
from bridgework.activities.services.evidence import store_evidence
from bridgework.core.access import centre_view
from bridgework.core.pdf import pdf_response
from bridgework.core.uploads import serve_file
from bridgework.staff.planner_forms import EvidenceForm
from bridgework.staff.views.plans import _apply_errors


@centre_view("activities.manage")
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    initial = {"kind": request.GET["kind"]} if request.GET.get("kind") else None
    form = EvidenceForm(request.POST or None, request.FILES or None, activity=activity, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            store_evidence(
                form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                by=request.user,
                activity=activity,
                session=form.cleaned_data["session"],
                learner=form.cleaned_data["learner"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Evidence uploaded.")
            return redirect("staff:activity_detail", centre=request.centre.number, pk=activity.pk)
    return render(
        request,
        "staff/activities/evidence_form.html",
        {"form": form, "activity": activity},
        status=400 if form.errors else 200,
    )


@centre_view("activities.view")
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    # The scope makes another centre's file answer 404; only staff with the permission reach this line.
    evidence = get_object_or_404(EvidenceFile, pk=pk)
    return serve_file(evidence.file, evidence.original_name, evidence.content_type)


@centre_view("activities.view")
def attendance_record(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    return pdf_response(attendance_pdf(activity), f"attendance-{slugify(activity.title)[:60] or activity.pk}.pdf")
