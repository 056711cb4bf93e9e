"""Account pages Bridgework answers itself instead of django-allauth."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bridgework.core.access import signed_in_view


@signed_in_view
def email_managed_by_centre(request: HttpRequest) -> HttpResponse:
    """Stands in for allauth's "manage email addresses" page (same URL, GET and POST).

    A person's email is how their centre invites them and how invitations find an existing account, so people
    cannot add or change addresses themselves: otherwise someone could take the address of a pending
    invitation and have its role granted to their own account.
    """
    return render(request, "account/email_managed_by_centre.html")
