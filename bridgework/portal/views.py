from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bridgework.core.access import portal_view
from bridgework.core.roles import roles_for
from bridgework.employers import party_views
from bridgework.employers.models import Party
from bridgework.people.models import Centre


@portal_view
def home(request: HttpRequest) -> HttpResponse:
    centres = Centre.objects.filter(pk__in=roles_for(request.user).centres_with("employer_contact")).order_by("name")
    return render(request, "portal/home.html", {"centres": centres})


@portal_view
def agreement_list(request: HttpRequest) -> HttpResponse:
    return party_views.agreement_list(request, Party.EMPLOYER)


@portal_view
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return party_views.agreement_sign(request, Party.EMPLOYER, pk)


@portal_view
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return party_views.agreement_pdf(request, Party.EMPLOYER, pk)
