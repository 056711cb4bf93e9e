from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bridgework.core.access import moderator_view
from bridgework.core.roles import roles_for
from bridgework.learners.models import Enrolment
from bridgework.people.models import Centre


@moderator_view
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    centres = list(Centre.objects.filter(pk__in=roles.moderator_centres).order_by("name"))
    # Enrolments on this awarding organisation's qualifications only: a moderator sees their AO's work.
    counts = {
        row["centre_id"]: row
        for row in Enrolment.objects.filter(qualification__awarding_organisation_id=roles.moderator_ao_id)
        .values("centre_id")
        .annotate(
            enrolments=Count("id"),
            mei=Count("id", filter=Q(qualification__requires_mei=True)),
            qualifications=Count("qualification_id", distinct=True),
        )
    }
    rows = [{"centre": c, **counts.get(c.pk, {"enrolments": 0, "mei": 0, "qualifications": 0})} for c in centres]
    return render(request, "moderator/home.html", {"rows": rows})
