"""Staff pages for imports: upload → match columns → check (every error, nothing written) → import → result."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from bridgework.core.access import centre_view
from bridgework.imports import services
from bridgework.imports.forms import MappingForm, UploadForm
from bridgework.imports.kinds import importer_for
from bridgework.imports.models import ImportJob, ImportState
from bridgework.imports.readers import ImportFileError

JOBS_PAGE_SIZE = 25


def _detail_url(request: HttpRequest, job: ImportJob) -> str:
    return reverse("staff:import_detail", kwargs={"centre": request.centre.number, "pk": job.pk})  # type: ignore[attr-defined]


@centre_view("centre.import_data")
def import_list(request: HttpRequest) -> HttpResponse:
    jobs = ImportJob.objects.select_related("created_by").order_by("-created_at", "-id")
    page = Paginator(jobs, JOBS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "staff/imports/list.html", {"page_obj": page})


@centre_view("centre.import_data")
def import_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_job(
                centre=request.centre,  # type: ignore[attr-defined]
                user=request.user,  # type: ignore[arg-type]
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            if importer_for(job.kind).needs_mapping:
                return redirect("staff:import_mapping", centre=request.centre.number, pk=job.pk)  # type: ignore[attr-defined]
            return redirect(_detail_url(request, job))
    return render(request, "staff/imports/upload.html", {"form": form})


@centre_view("centre.import_data")
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.select_related("centre"), pk=pk)
    importer = importer_for(job.kind)
    if not importer.needs_mapping or job.state not in (ImportState.UPLOADED, ImportState.INVALID, ImportState.READY):
        return redirect(_detail_url(request, job))
    columns = importer.columns(job.centre)
    headers = job.summary.get("headers", [])
    form = MappingForm(request.POST or None, initial=job.mapping, columns=columns, headers=headers)
    if request.method == "POST" and form.is_valid():
        problems = services.save_mapping(job, {k: v for k, v in form.cleaned_data.items() if v})
        for field, message in problems.items():
            form.add_error(field, message)
        if not problems:
            return redirect(_detail_url(request, job))
    return render(
        request,
        "staff/imports/mapping.html",
        {
            "job": job,
            "form": form,
            "remembered": job.summary.get("remembered", False),
            "mapping_hint": importer.mapping_hint,
        },
    )


@centre_view("centre.import_data")
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    importer = importer_for(job.kind)
    return render(
        request,
        "staff/imports/detail.html",
        {
            "job": job,
            "needs_mapping": importer.needs_mapping,
            "record_name": importer.record_name,
            "error_count": job.summary.get("error_count", len(job.errors)),
            "warning_count": job.summary.get("warning_count", len(job.warnings)),
            "warnings_intro": importer.warnings_intro(job.state),
            "summary_lines": importer.summary_lines(job.summary, job.state == ImportState.DONE)
            if job.state in (ImportState.READY, ImportState.DONE)
            else [],
            "result_url": reverse(importer.result_link[0], kwargs={"centre": request.centre.number}),  # type: ignore[attr-defined]
            "result_text": importer.result_link[1],
        },
    )


@centre_view("centre.import_data")
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx while a background step runs; reloads the page when the step has finished."""
    job = get_object_or_404(ImportJob, pk=pk)
    if not job.is_busy:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "staff/imports/_progress.html", {"job": job})


@centre_view("centre.import_data")
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = get_object_or_404(ImportJob, pk=pk)
    if not services.confirm_job(job):
        messages.error(request, "This file cannot be imported now: it has errors, or it is already importing.")
    return redirect(_detail_url(request, job))
