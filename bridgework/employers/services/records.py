"""Writing employer records: a new employer with its main site, sites (one primary at a time) and safety checks
(with certificate). The staff forms and the REST API both write through here."""

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


@transaction.atomic
def create_employer(employer: Employer, *, sectors: Iterable[Sector] = (), postcode: str = "") -> Employer:
    """Saves a new (unsaved) employer with its sectors and, given a postcode, its main site as the primary one.
    Looking for probable duplicates first is the caller's step (employers.services.duplicates): a person
    may decide it is a different employer."""
    postcode = normalise_postcode(postcode)
    employer.full_clean(exclude=["centre", "relationship_owner", "owner_department", "merged_into", "sectors"])
    employer.save()
    employer.sectors.set(list(sectors))
    if postcode:
        add_site(employer, EmployerSite(name=MAIN_SITE, postcode=postcode, is_primary=True))
    return employer


@transaction.atomic
def add_site(employer: Employer, site: EmployerSite) -> EmployerSite:
    """Saves an unsaved site for the employer; a new primary site demotes the previous one."""
    site.centre, site.employer = employer.centre, employer
    if site.is_primary:
        EmployerSite.objects.filter(employer=employer).update(is_primary=False)
    site.save()
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
