"""Permission rows for employers, their records and learning agreements (staff, learner and portal)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from tests.permissions.base import ADMIN, STAFF, Row
from tests.world import CentreWorld, World

LEARNER = frozenset({"learner"})
PORTAL = frozenset({"employer_contact"})


def employer_of(c: CentreWorld) -> Any:
    from bridgework.employers.models import Employer

    with scopes_disabled():
        return Employer.objects.get_or_create(centre=c.centre, legal_name=f"Matrix Works {c.centre.number} Ltd")[0]


def check_of(c: CentreWorld) -> Any:
    from bridgework.employers.models import CheckKind, EmployerCheck

    employer = employer_of(c)
    with scopes_disabled():
        check = EmployerCheck.objects.filter(employer=employer).first()
        if check is None:
            check = EmployerCheck(
                centre=c.centre,
                employer=employer,
                kind=CheckKind.ELCI,
                checked_on=date(2026, 1, 5),
                expires_on=date(2027, 1, 4),
                details={"insurer": "Aviva", "policy_number": "P1"},
            )
            check.certificate.save("elci.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
            check.save()
        return check


def agreement_of(c: CentreWorld) -> Any:
    from bridgework.employers.models import Affiliation, Agreement, EmployerPerson

    employer = employer_of(c)
    with scopes_disabled():
        agreement = Agreement.objects.filter(employer=employer).first()
        if agreement is None:
            person = EmployerPerson.objects.create(
                centre=c.centre,
                given_name="Em",
                family_name="Contact",
                user=c.employer_user,
                may_use_portal=True,
                email=c.employer_user.email,
            )
            Affiliation.objects.create(centre=c.centre, person=person, employer=employer)
            agreement = Agreement(
                centre=c.centre,
                employer=employer,
                learner=c.learner,
                employer_contact=person,
                title="Placement",
                objectives="o",
                learning_outcomes="l",
                methods="m",
                protocols="p",
                data_shared="d",
                data_sharing_purpose="w",
                starts_on=date(2026, 1, 5),
                ends_on=date(2026, 7, 1),
            )
            agreement.signed_pdf.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
            agreement.save()
        return agreement


def _employer(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"centre": w.a.centre.number, "pk": employer_of(c).pk}


def _check(w: World, c: CentreWorld) -> dict[str, Any]:
    check = check_of(c)
    return {"centre": w.a.centre.number, "pk": check.employer_id, "check_pk": check.pk}


def _agreement(w: World, c: CentreWorld) -> dict[str, Any]:
    agreement = agreement_of(c)
    return {"centre": w.a.centre.number, "pk": agreement.employer_id, "agreement_pk": agreement.pk}


def _person(w: World, c: CentreWorld) -> dict[str, Any]:
    agreement = agreement_of(c)
    return {"centre": w.a.centre.number, "pk": agreement.employer_id, "person_pk": agreement.employer_contact_id}


def _own_agreement(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"pk": agreement_of(c).pk}


ROWS = [
    Row("staff:employer_list", STAFF, kwargs=lambda w, c: {"centre": c.centre.number}),
    Row("staff:employer_create", STAFF, kwargs=lambda w, c: {"centre": c.centre.number}),
    Row("staff:employer_checks_expiring", STAFF, kwargs=lambda w, c: {"centre": c.centre.number}),
    Row("staff:employer_detail", STAFF, kwargs=_employer),
    Row("staff:employer_edit", STAFF, kwargs=_employer),
    Row("staff:employer_merge", ADMIN, kwargs=_employer),
    Row("staff:employer_site_add", STAFF, kwargs=_employer),
    Row("staff:employer_person_add", STAFF, kwargs=_employer),
    Row("staff:employer_person_link", STAFF, kwargs=_employer),
    Row("staff:employer_person_edit", STAFF, kwargs=_person),
    Row("staff:employer_interaction_add", STAFF, kwargs=_employer),
    Row("staff:employer_check_add", STAFF, kwargs=_employer),
    Row("staff:employer_check_certificate", STAFF, kwargs=_check),
    Row("staff:agreement_create", STAFF, kwargs=_employer),
    Row("staff:agreement_detail", STAFF, kwargs=_agreement),
    Row("staff:agreement_new_version", STAFF, kwargs=_agreement),
    Row("staff:agreement_withdraw_consent", STAFF, kwargs=_agreement, method="POST", ok=302),
    Row("staff:agreement_pdf", STAFF, kwargs=_agreement),
    Row("learner:agreement_list", LEARNER, per_centre=False),
    Row("learner:agreement_detail", LEARNER, kwargs=_own_agreement),
    Row("learner:agreement_pdf", LEARNER, kwargs=_own_agreement),
    Row("portal:agreement_list", PORTAL, per_centre=False),
    Row("portal:agreement_detail", PORTAL, kwargs=_own_agreement),
    Row("portal:agreement_pdf", PORTAL, kwargs=_own_agreement),
]
