"""Writing employer records: a new employer with its main site, its details, sites (one primary at a time) and
safety checks (with certificate). The staff forms, the employer import and the REST API all write through here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from bridgework.catalogue.models import Sector
from bridgework.employers.models import POSTCODE_VALIDATOR, Employer, EmployerCheck, EmployerSite

MAIN_SITE = "Main site"


def normalise_postcode(value: str) -> str:
    """Upper case with single spaces, then checked: "ls1  4ap" is stored as "LS1 4AP"."""
    postcode = " ".join(value.upper().split())
    if postcode:
        try:
            POSTCODE_VALIDATOR(postcode)
        except ValidationError as error:
            raise ValidationError({"postcode": error.messages}) from error
    return postcode


def main_site_at(postcode: str) -> EmployerSite | None:
    """The main site of a new employer known only by its postcode (none when the postcode is blank)."""
    return EmployerSite(name=MAIN_SITE, postcode=postcode) if postcode.strip() else None


@transaction.atomic
def create_employer(
    employer: Employer, *, sectors: Iterable[Sector] = (), main_site: EmployerSite | None = None
) -> Employer:
    """Saves a new (unsaved) employer with its sectors and, if given, its main site as the primary one.
    Looking for probable duplicates first is the caller's step (employers.services.duplicates): a person may
    decide it is a different employer."""
    if main_site is not None:
        main_site.postcode = normalise_postcode(main_site.postcode)
    employer.full_clean(exclude=["centre", "relationship_owner", "owner_department", "merged_into", "sectors"])
    employer.save()
    employer.sectors.set(list(sectors))
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
