"""The centre's moderation checklist: what it owes, to whom, and by when."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from bridgework.catalogue.models import Qualification
from bridgework.core.access import centre_view
from bridgework.core.uploads import serve_file
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Enrolment
from bridgework.moderation.models import (
    ApprovalCase,
    EvidenceRequest,
    ImprovementAction,
    ModerationFile,
    RequestState,
    Submission,
    SubmissionPack,
    VisitReport,
)
from bridgework.moderation.queries import open_actions
from bridgework.moderation.services.sources import submission_deadline


@centre_view("centre.manage_moderation")
def moderation_home(request: HttpRequest) -> HttpResponse:
    cases = {c.qualification_id: c for c in ApprovalCase.objects.select_related("qualification")}
    taught = (
        Enrolment.objects.filter(qualification__requires_mei=True)
        .values("qualification_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    qualifications = Qualification.objects.filter(pk__in=[t["qualification_id"] for t in taught]).select_related(
        "awarding_organisation"
    )
    approvals = [{"qualification": q, "case": cases.get(q.pk)} for q in qualifications]
    year = academic_year_of(timezone.localdate())
    submissions = list(Submission.objects.select_related("qualification__awarding_organisation"))
    started = {(s.qualification_id, s.academic_year) for s in submissions}
    can_start = [
        {"qualification": a["qualification"], "deadline": submission_deadline(a["qualification"], year)}
        for a in approvals
        if a["case"] and a["case"].state == "approved" and (a["qualification"].pk, year) not in started
    ]
    return render(
        request,
        "staff/moderation/home.html",
        {
            "approvals": approvals,
            "submissions": submissions,
            "can_start": can_start,
            "year": year,
            "requests": list(
                EvidenceRequest.objects.select_related("qualification").filter(~Q(state=RequestState.CLOSED))
            ),
            "closed_requests": list(
                EvidenceRequest.objects.select_related("qualification").filter(state=RequestState.CLOSED)[:10]
            ),
            "actions": open_actions(ImprovementAction.objects.all()),
            "visits": list(VisitReport.objects.select_related("qualification", "moderator")[:20]),
        },
    )


@centre_view("centre.manage_moderation")
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(VisitReport.objects.select_related("qualification", "moderator"), pk=pk)
    return render(request, "staff/moderation/visit_detail.html", {"report": report})


@centre_view("centre.manage_moderation")
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    record = get_object_or_404(ModerationFile, pk=pk)
    return serve_file(record.file, record.original_name, record.content_type)


@centre_view("centre.manage_moderation")
def pack_download(request: HttpRequest, pk: int) -> FileResponse:
    pack = get_object_or_404(SubmissionPack.objects.filter(state="ready"), pk=pk)
    return serve_file(pack.file, pack.file.name.rsplit("/", 1)[-1], "application/zip")
