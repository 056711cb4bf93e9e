from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from bridgework.compliance.engine import evaluate_learner
from bridgework.compliance.services.measures import learner_measures
from bridgework.core.access import centre_view
from bridgework.core.audit import history_for
from bridgework.learners.mei import mei_requirement_for
from bridgework.learners.models import Enrolment, Learner
from bridgework.learners.queries import learner_search


@centre_view("centre.view")
def learner_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    qualification = request.GET.get("qualification", "")
    year = request.GET.get("year", "")
    learners = learner_search(query=query, qualification_id=qualification, academic_year=year)
    page = Paginator(learners, settings.LEARNERS_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    qualifications = (
        Enrolment.objects.values_list("qualification_id", "qualification__title")
        .distinct()
        .order_by("qualification__title")
    )
    return render(
        request,
        "staff/learners/list.html",
        {
            "page_obj": page,
            "query": query,
            "qualification": qualification,
            "year": year,
            "qualifications": list(qualifications),
            "years": list(
                Enrolment.objects.values_list("academic_year", flat=True).distinct().order_by("-academic_year")
            ),
            "querystring": params.urlencode(),
            "perms_export": request.user.has_perm("centre.export_data", request.centre),  # type: ignore[attr-defined]
        },
    )


@centre_view("centre.view")
def learner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    learner = get_object_or_404(
        Learner.objects.prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.select_related("qualification__awarding_organisation").prefetch_related(
                    "teaching_groups__tutor"
                ),
            ),
            "awarding_numbers__awarding_organisation",
        ),
        pk=pk,
    )
    compliance = evaluate_learner(learner)  # live: recomputed from registers on every page load
    enrolments = [
        {"enrolment": e, "mei": mei_requirement_for(_with_learner(e, learner)), "compliance": compliance[e.pk]}
        for e in learner.enrolments.all()
    ]
    return render(
        request,
        "staff/learners/detail.html",
        {
            "learner": learner,
            "enrolments": enrolments,
            "measures": learner_measures(learner.pk, [row["enrolment"] for row in enrolments]),
            "history": history_for(learner, limit=20),
        },
    )


def _with_learner(enrolment: Enrolment, learner: Learner) -> Enrolment:
    enrolment.learner = learner  # avoid one query per enrolment: we already hold the learner
    return enrolment
