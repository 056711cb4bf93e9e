"""Requests for additional evidence, visit reports and supporting files, from the moderator's side."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bridgework.catalogue.models import Qualification
from bridgework.core.access import moderator_view
from bridgework.core.roles import roles_for
from bridgework.core.uploads import serve_file
from bridgework.moderation.forms import CloseForm, EvidenceRequestForm, ReplyForm, VisitForm
from bridgework.moderation.models import EvidenceRequest, ModerationFile, Side, Submission, VisitReport
from bridgework.moderation.services import requests as evidence_requests
from bridgework.moderation.services.events import TransitionError
from bridgework.moderator.views.scoping import for_my_ao, my_ao
from bridgework.people.models import Centre
from bridgework.staff.views.moderation.common import attempt
from bridgework.staff.views.moderation.requests import request_context


def _get(request: HttpRequest, pk: int) -> EvidenceRequest:
    return get_object_or_404(
        for_my_ao(request, EvidenceRequest.objects.select_related("centre", "qualification", "submission")), pk=pk
    )


@moderator_view
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for additional evidence about one submission."""
    submission = get_object_or_404(
        for_my_ao(request, Submission.objects.select_related("centre", "qualification")), pk=pk
    )
    form = EvidenceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = evidence_requests.open_request(
                centre=submission.centre,
                qualification=submission.qualification,
                submission=submission,
                actor=request.user,
                **form.cleaned_data,
            )
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Request sent. The centre has been told.")
            return redirect("moderator:request_detail", pk=created.pk)
    return render(
        request,
        "moderator/request_form.html",
        {"form": form, "submission": submission},
        status=400 if form.errors else 200,
    )


@moderator_view
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get(request, pk)
    return render(
        request,
        "moderator/request_detail.html",
        request_context(obj) | {"form": ReplyForm(), "close_form": CloseForm()},
    )


@require_POST
@moderator_view
def request_reply(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get(request, pk)
    form = ReplyForm(request.POST, request.FILES)
    if form.send(request_id=obj.pk, actor=request.user, side=Side.MODERATOR):
        messages.success(request, "Reply sent. The centre has been told.")
        return redirect("moderator:request_detail", pk=obj.pk)
    return render(
        request,
        "moderator/request_detail.html",
        request_context(obj) | {"form": form, "close_form": CloseForm()},
        status=400,
    )


@require_POST
@moderator_view
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get(request, pk)
    form = CloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return attempt(
        request,
        lambda: evidence_requests.close(request_id=obj.pk, actor=request.user, note=note),
        "Request closed.",
        reverse("moderator:request_detail", kwargs={"pk": obj.pk}),
    )


@moderator_view
def visit_create(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = get_object_or_404(Centre.objects.filter(pk__in=roles_for(request.user).moderator_centres), pk=centre_id)
    form = VisitForm(
        request.POST or None, qualifications=Qualification.objects.filter(awarding_organisation_id=my_ao(request))
    )
    if request.method == "POST" and form.is_valid():
        report = evidence_requests.record_visit(centre=centre, actor=request.user, **form.cleaned_data)
        messages.success(request, "Visit report recorded. The centre has been told.")
        return redirect("moderator:visit_detail", pk=report.pk)
    return render(
        request, "moderator/visit_form.html", {"form": form, "centre": centre}, status=400 if form.errors else 200
    )


@moderator_view
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        for_my_ao(request, VisitReport.objects.select_related("centre", "qualification", "moderator")), pk=pk
    )
    return render(request, "moderator/visit_detail.html", {"report": report})


@moderator_view
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A supporting file of an approval or an evidence request of the moderator's awarding organisation.
    Only moderation files exist here: learner journals are never reachable."""
    ao = my_ao(request)
    record = get_object_or_404(
        ModerationFile.objects.filter(
            # Approval files only once submitted with a round: a centre's draft is not the moderator's to see.
            Q(approval_round__isnull=False, approval_case__qualification__awarding_organisation_id=ao)
            | Q(message__request__qualification__awarding_organisation_id=ao)
        ),
        pk=pk,
    )
    return serve_file(record.file, record.original_name, record.content_type)
