"""Tripartite learning agreements (seed 002): versions, electronic signatures, the signed PDF and the
learner's consent to share data with the employer.

A version is signed by three parties. Once all three have signed it is immutable; any change is a new
version, which supersedes the old one and needs all three signatures again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from bridgework.employers.models import Agreement, AgreementSignature, Employer, EmployerPerson, Party

CONTENT_FIELDS = (
    "title",
    "objectives",
    "learning_outcomes",
    "methods",
    "protocols",
    "data_shared",
    "data_sharing_purpose",
    "starts_on",
    "ends_on",
)


def _check_dates(fields: dict[str, Any]) -> None:
    if fields.get("starts_on") and fields.get("ends_on") and fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": "The end date must be on or after the start date."})


def create_agreement(
    *, employer: Employer, learner: Any, employer_contact: EmployerPerson, created_by: Any, **content: Any
) -> Agreement:
    _check_dates(content)
    if learner.centre_id != employer.centre_id or employer_contact.centre_id != employer.centre_id:
        raise ValidationError("The learner, the employer and its contact must belong to the same centre.")
    return Agreement.objects.create(
        centre_id=employer.centre_id,
        employer=employer,
        learner=learner,
        employer_contact=employer_contact,
        created_by=created_by,
        **content,
    )


def new_version(agreement: Agreement, *, created_by: Any, **changes: Any) -> Agreement:
    """A changed copy of the agreement, to be signed again by everyone; the old version is superseded."""
    with transaction.atomic():
        # Lock: two people changing the same version at once must not both create "version 2".
        current = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if current.is_superseded:
            raise ValidationError(
                f"Version {current.version} has already been replaced. Change the current version instead."
            )
        content = {f: getattr(current, f) for f in CONTENT_FIELDS}
        content.update({k: v for k, v in changes.items() if k in CONTENT_FIELDS})
        _check_dates(content)
        contact = changes.get("employer_contact") or current.employer_contact
        if all(content[f] == getattr(current, f) for f in CONTENT_FIELDS) and contact == current.employer_contact:
            raise ValidationError("Nothing has changed: a new version needs at least one change.")
        current.superseded_at = timezone.now()
        current.save(update_fields=["superseded_at"])
        return Agreement.objects.create(
            centre_id=current.centre_id,
            employer_id=current.employer_id,
            learner_id=current.learner_id,
            employer_contact=contact,
            version=current.version + 1,
            previous=current,
            created_by=created_by,
            **content,
        )


def party_for(agreement: Agreement, user: Any) -> set[str]:
    """Which parties this person may sign for (usually one)."""
    parties: set[str] = set()
    if agreement.learner.user_id is not None and agreement.learner.user_id == user.pk:
        parties.add(Party.LEARNER)
    if agreement.employer_contact.user_id is not None and agreement.employer_contact.user_id == user.pk:
        parties.add(Party.EMPLOYER)
    if user.has_perm("employers.manage", agreement.centre):
        parties.add(Party.CENTRE)
    return parties


def sign(agreement: Agreement, *, party: str, user: Any, typed_name: str, ip_address: str | None) -> AgreementSignature:
    typed_name = " ".join(typed_name.split())
    if len(typed_name) < 2:
        raise ValidationError({"typed_name": "Type your full name to sign."})
    if party not in party_for(agreement, user):
        raise PermissionDenied("You cannot sign for this party.")
    try:
        with transaction.atomic():
            # Lock the agreement: two parties signing at once are both recorded one after the other, and the
            # one who completes the set renders the PDF exactly once; a new version cannot slip in between.
            locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
            if locked.is_superseded:
                raise ValidationError(
                    f"Version {locked.version} has been replaced by a newer version. Sign the current version."
                )
            if AgreementSignature.objects.filter(agreement=locked, party=party).exists():
                raise ValidationError(f"The {Party(party).label.lower()} has already signed this version.")
            signature = AgreementSignature.objects.create(
                centre_id=locked.centre_id,
                agreement=locked,
                party=party,
                typed_name=typed_name,
                user=user,
                signed_at=timezone.now(),
                ip_address=ip_address or None,
            )
            if AgreementSignature.objects.filter(agreement=locked).count() == len(Party.values):
                _complete(locked)
            return signature
    except IntegrityError as exc:  # the unique constraint, should two requests pass the check at once
        raise ValidationError(f"The {Party(party).label.lower()} has already signed this version.") from exc


def _complete(agreement: Agreement) -> None:
    from bridgework.employers.services.agreement_pdf import render_agreement_pdf

    agreement.completed_at = timezone.now()
    pdf = render_agreement_pdf(agreement)
    agreement.signed_pdf.save(f"agreement-{agreement.pk}-v{agreement.version}.pdf", ContentFile(pdf), save=False)
    agreement.save(update_fields=["completed_at", "signed_pdf"])


def withdraw_consent(agreement: Agreement, *, user: Any) -> Agreement:
    """The learner (or the centre for them) withdraws consent to share data with the employer. Effective at
    once: data_sharing_in_force answers False from this moment, for this and every earlier version."""
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.consent_withdrawn_at is not None:
            raise ValidationError("Consent to share data has already been withdrawn for this agreement.")
        now = timezone.now()
        # Every version between this learner and employer: consent is the learner's, not a version's.
        # Saved one by one so each withdrawal is in the audit log.
        for version in Agreement.objects.select_for_update().filter(
            learner_id=locked.learner_id, employer_id=locked.employer_id, consent_withdrawn_at__isnull=True
        ):
            version.consent_withdrawn_at, version.consent_withdrawn_by = now, user
            version.save(update_fields=["consent_withdrawn_at", "consent_withdrawn_by"])
        locked.refresh_from_db()
        return locked


def agreements_in_force(at: datetime) -> Any:
    """The agreements under which data may be shared at `at`, as a queryset (set-based callers filter it):
    fully signed, the current version, within its dates, consent not withdrawn. The one place this rule lives."""
    today = timezone.localdate(at)
    return Agreement.objects.filter(
        completed_at__isnull=False,
        completed_at__lte=at,
        superseded_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
    ).filter(Q(consent_withdrawn_at__isnull=True) | Q(consent_withdrawn_at__gt=at))


def data_sharing_in_force(learner: Any, employer_or_person: Employer | EmployerPerson, at: datetime) -> bool:
    """May the centre share this learner's data with this employer (or this person at it) at this moment?
    Only under a fully signed, current version, within its dates, while consent stands."""
    agreements = agreements_in_force(at).filter(learner=learner)
    if isinstance(employer_or_person, EmployerPerson):
        agreements = agreements.filter(employer_contact=employer_or_person)
    else:
        agreements = agreements.filter(employer=employer_or_person)
    return agreements.exists()


def agreement_with_parts(queryset: Any) -> Any:
    return queryset.select_related("employer", "learner", "employer_contact", "centre").prefetch_related(
        "signatures__user"
    )
