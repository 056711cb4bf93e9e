"""The moderator's queue: approvals and submissions waiting across assigned centres, with due dates."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bridgework.core.access import moderator_view
from bridgework.core.roles import roles_for
from bridgework.learners.models import Enrolment
from bridgework.moderation.models import (
    ApprovalCase,
    ApprovalState,
    EvidenceRequest,
    RequestState,
    Submission,
    SubmissionState,
    VisitReport,
)
from bridgework.moderator.views.scoping import for_my_ao
from bridgework.people.models import Centre


@moderator_view
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    centres = list(Centre.objects.filter(pk__in=roles.moderator_centres).order_by("name"))
    counts = {
        row["centre_id"]: row
        for row in for_my_ao(request, Enrolment.objects.all())
        .values("centre_id")
        .annotate(
            enrolments=Count("id"),
            mei=Count("id", filter=Q(qualification__requires_mei=True)),
            qualifications=Count("qualification_id", distinct=True),
        )
        .order_by()
    }
    rows = [{"centre": c, **counts.get(c.pk, {"enrolments": 0, "mei": 0, "qualifications": 0})} for c in centres]
    approvals = list(
        for_my_ao(request, ApprovalCase.objects.filter(state=ApprovalState.SUBMITTED))
        .select_related("centre", "qualification")
        .annotate(submitted_rounds=Count("rounds"))
        .order_by("updated_at")
    )
    awaiting = list(
        for_my_ao(request, Submission.objects.filter(state=SubmissionState.SUBMITTED))
        .select_related("centre", "qualification")
        .order_by("deadline", "pk")
    )
    others = list(
        for_my_ao(request, Submission.objects.exclude(state=SubmissionState.SUBMITTED))
        .select_related("centre", "qualification")
        .order_by("deadline", "pk")[:50]
    )
    requests = list(
        for_my_ao(request, EvidenceRequest.objects.exclude(state=RequestState.CLOSED))
        .select_related("centre", "qualification")
        .order_by("due_on")
    )
    visits = list(for_my_ao(request, VisitReport.objects.all()).select_related("centre", "qualification")[:10])
    return render(
        request,
        "moderator/home.html",
        {
            "rows": rows,
            "approvals": approvals,
            "awaiting": awaiting,
            "others": others,
            "requests": requests,
            "visits": visits,
        },
    )
