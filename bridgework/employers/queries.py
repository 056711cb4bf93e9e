"""Read-side queries over employers, shared by the staff list and the REST API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from bridgework.employers.models import Employer, EmployerSite


def employer_search(employers: QuerySet[Employer], text: str) -> QuerySet[Employer]:
    """Employers whose legal or trading name contains `text`, with that Companies House number (spaces ignored),
    or with a site at that postcode."""
    return employers.filter(
        Q(legal_name__icontains=text)
        | Q(trading_name__icontains=text)
        | Q(company_number__iexact=text.replace(" ", ""))
        | Q(pk__in=EmployerSite.objects.filter(postcode__iexact=text).values("employer_id"))
    )
