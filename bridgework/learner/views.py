from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bridgework.core.access import learner_view
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
