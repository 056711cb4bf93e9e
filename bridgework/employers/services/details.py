"""Adding an employer and changing its details: the writes behind the staff form and the employer import."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from bridgework.catalogue.models import Sector
from bridgework.employers.models import Employer, EmployerSite
from bridgework.employers.services.records import add_site


@transaction.atomic
def create_employer(
    employer: Employer, *, sectors: Iterable[Sector] = (), main_site: EmployerSite | None = None
) -> Employer:
    """Saves an unsaved employer (its centre set), its sectors and, if given, its main site (made primary)."""
    employer.save()
    sectors = list(sectors)
    if sectors:
        employer.sectors.set(sectors)
    if main_site is not None:
        main_site.is_primary = True
        add_site(employer, main_site)
    return employer


@transaction.atomic
def update_employer(
    employer: Employer, *, changes: dict[str, Any], sectors: Iterable[Sector] | None = None
) -> Employer:
    """Sets the changed fields (one audited update) and, when `sectors` is given, replaces the sectors."""
    for name, value in changes.items():
        setattr(employer, name, value)
    if changes:
        employer.save(update_fields=[*changes, "updated_at"])
    if sectors is not None:
        employer.sectors.set(list(sectors))
    return employer
