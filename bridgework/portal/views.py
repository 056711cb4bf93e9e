from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bridgework.core.access import portal_view
from bridgework.core.roles import roles_for
from bridgework.people.models import Centre


@portal_view
def home(request: HttpRequest) -> HttpResponse:
    centres = Centre.objects.filter(pk__in=roles_for(request.user).centres_with("employer_contact")).order_by("name")
    return render(request, "portal/home.html", {"centres": centres})
