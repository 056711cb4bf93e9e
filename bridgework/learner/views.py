from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bridgework.core.access import learner_view
from bridgework.employers import party_views
from bridgework.employers.models import Party
from bridgework.learners.mei import mei_requirement_for
from bridgework.learners.models import Enrolment


@learner_view
def home(request: HttpRequest) -> HttpResponse:
    enrolments = (
        Enrolment.objects.filter(learner__user=request.user)
        .select_related("learner", "qualification__awarding_organisation", "centre")
        .order_by("-academic_year", "qualification__title")
    )
    rows = [{"enrolment": e, "mei": mei_requirement_for(e)} for e in enrolments]
    return render(request, "learner/home.html", {"rows": rows})


@learner_view
def agreement_list(request: HttpRequest) -> HttpResponse:
    return party_views.agreement_list(request, Party.LEARNER)


@learner_view
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return party_views.agreement_sign(request, Party.LEARNER, pk)


@learner_view
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return party_views.agreement_pdf(request, Party.LEARNER, pk)
