from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bridgework.catalogue.models import Qualification
from bridgework.core.access import centre_view
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Enrolment, EnrolmentStatus, Learner


@centre_view("centre.view")
def home(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year") or academic_year_of(timezone.localdate())
    counts = (
        Enrolment.objects.filter(academic_year=year)
        .values("qualification_id")
        .annotate(
            learners=Count("learner_id", distinct=True),
            active=Count("id", filter=Q(status=EnrolmentStatus.ACTIVE)),
        )
    )
    by_qualification = {row["qualification_id"]: row for row in counts}
    qualifications = (
        Qualification.objects.filter(pk__in=by_qualification)
        .select_related("awarding_organisation", "sector")
        .order_by("title")
    )
    rows = [{"qualification": q, **by_qualification[q.pk]} for q in qualifications]
    years = list(Enrolment.objects.values_list("academic_year", flat=True).distinct().order_by("-academic_year"))
    return render(
        request,
        "staff/home.html",
        {
            "rows": rows,
            "year": year,
            "years": years,
            "learner_total": Learner.objects.count(),
            "enrolment_total": sum(r["learners"] for r in rows),
            "mei_qualifications": sum(1 for r in rows if r["qualification"].requires_mei),
        },
    )
