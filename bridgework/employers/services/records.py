"""Writing an employer's sub-records: sites (one primary at a time) and safety checks (with certificate)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from bridgework.employers.models import Employer, EmployerCheck, EmployerSite


@transaction.atomic
def add_site(employer: Employer, site: EmployerSite) -> EmployerSite:
    """Saves an unsaved site for the employer; a new primary site demotes the previous one."""
    site.centre, site.employer = employer.centre, employer
    if site.is_primary:
        EmployerSite.objects.filter(employer=employer).update(is_primary=False)
    site.save()
    return site


def update_site(site: EmployerSite, changes: dict[str, Any]) -> EmployerSite:
    """Sets the changed fields of a site (its address, town or name); the primary site stays as it is."""
    for name, value in changes.items():
        setattr(site, name, value)
    if changes:
        site.save(update_fields=list(changes))
    return site


def record_check(
    employer: Employer,
    *,
    kind: str,
    checked_on: date,
    expires_on: date | None,
    details: dict[str, Any],
    recorded_by: Any,
    certificate: UploadedFile | None = None,
) -> EmployerCheck:
    """A new check record; the newest of each kind is the one in force (older ones stay as history)."""
    check = EmployerCheck(
        centre=employer.centre,
        employer=employer,
        kind=kind,
        checked_on=checked_on,
        expires_on=expires_on,
        details=details,
        recorded_by=recorded_by,
    )
    if certificate:
        check.certificate.save(certificate.name, certificate, save=False)
    check.save()
    return check
