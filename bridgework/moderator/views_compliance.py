"""The awarding organisation's view for moderators: compliance across their assigned centres, only on their
awarding organisation's qualifications."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from bridgework.compliance import charts
from bridgework.compliance.engine import STATUSES
from bridgework.compliance.services.dashboard import Filters, cohort, overview
from bridgework.core.access import moderator_view
from bridgework.core.roles import roles_for
from bridgework.learners.models import Enrolment
from bridgework.people.models import Centre


def _ao_enrolments(request: HttpRequest):  # type: ignore[no-untyped-def]
    # The moderator_view scope already limits rows to assigned centres; this limits them to the moderator's AO.
    return Enrolment.objects.filter(qualification__awarding_organisation_id=roles_for(request.user).moderator_ao_id)


@moderator_view
def compliance(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    centres = {c.pk: c for c in Centre.objects.filter(pk__in=roles.moderator_centres).order_by("name")}
    filters = Filters.from_query(request.GET)
    data = overview(cohort(Filters(qualification=filters.qualification, year=filters.year), _ao_enrolments(request)))
    by_centre: dict[int, Counter[str]] = defaultdict(lambda: Counter(dict.fromkeys(STATUSES, 0)))
    for eid, result in data.results.items():
        by_centre[data.facts.enrolments[eid].centre_id][result.status] += 1
    centre_rows = [(centres[cid], by_centre[cid]) for cid in centres]
    chart = None
    if data.required:
        chart = charts.status_bars(
            [(c.name, counts) for c, counts in centre_rows],
            label="Percentage of learners met, on track, at risk and not met, per centre",
        )
    qualifications = sorted(
        set(_ao_enrolments(request).values_list("qualification_id", "qualification__title")), key=lambda q: q[1]
    )
    return render(
        request,
        "moderator/compliance.html",
        {
            "data": data,
            "centre_rows": centre_rows,
            "chart": chart,
            "filters": filters,
            "qualifications": qualifications,
        },
    )


@moderator_view
def compliance_centre(request: HttpRequest, centre: str) -> HttpResponse:
    roles = roles_for(request.user)
    centre_obj = Centre.objects.filter(number=centre, pk__in=roles.moderator_centres).first()
    if centre_obj is None:
        raise Http404("No such centre among your assignments")
    data = overview(cohort(Filters(), _ao_enrolments(request).filter(centre=centre_obj)))
    return render(request, "moderator/compliance_centre.html", {"centre": centre_obj, "data": data})
