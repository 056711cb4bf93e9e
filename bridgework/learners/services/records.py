"""Creating and changing learner records and their enrolments.

A learner and their awarding-organisation numbers are written together in one transaction: a clash on any
number leaves nothing half-saved. Every uniqueness rule is checked first so the person sees all the problems
at once, each on its own field; the database constraints stay as the last line against races.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bridgework.catalogue.models import AwardingOrganisation, Qualification
from bridgework.learners.identifiers import validate_academic_year, validate_uln
from bridgework.learners.models import Enrolment, EnrolmentStatus, Learner, LearnerAwardingNumber
from bridgework.people.models import Centre

# The ILR's LearnRefNumber shape, which is what college MIS systems export.
_MIS_REF = re.compile(r"^[A-Za-z0-9 ]{1,12}$")
_OLDEST_BIRTH_YEAR = 1900


def awarding_number_key(awarding_organisation_id: int) -> str:
    """The error key (and form field name) for a learner's number at one awarding organisation."""
    return f"awarding_number_{awarding_organisation_id}"


def awarding_number_label(awarding_organisation: AwardingOrganisation) -> str:
    """OCR calls it a candidate number; City & Guilds an enrolment number."""
    kind = "candidate number" if awarding_organisation.code == "OCR" else "enrolment number"
    return f"{awarding_organisation.code} {kind}"


@dataclass(frozen=True)
class LearnerDetails:
    given_name: str
    family_name: str
    date_of_birth: date
    uln: str = ""
    mis_ref: str = ""
    ehc_plan: bool = False
    # awarding organisation id -> number; a blank number removes the learner's number there.
    awarding_numbers: Mapping[int, str] = field(default_factory=dict)


# --- Checks and messages shared by every way in: these forms, the imports and the REST API -------------------
DUPLICATE = "duplicate"  # the ValidationError code of a clash with another record (the API answers 409)


def _has_control_characters(value: str) -> bool:
    # NUL and friends cannot be stored in PostgreSQL text and never belong in a name or reference.
    return any(unicodedata.category(ch) == "Cc" for ch in value)


def check_name(value: str, what: str) -> None:
    """`what` is "given name" or "family name"."""
    if not value.strip():
        raise ValidationError(f"Enter the learner's {what}.", code="required")
    if len(value) > Learner._meta.get_field("given_name").max_length:
        raise ValidationError(f"The {what} must be 100 characters or fewer.", code="max_length")
    if _has_control_characters(value):
        raise ValidationError(f"The {what} contains a control character. Remove it and try again.", code="control")


def check_mis_ref(value: str) -> None:
    if value and not _MIS_REF.match(value):
        raise ValidationError("An MIS reference is up to 12 letters, digits or spaces.", code="mis_ref")


def check_date_of_birth(value: date) -> None:
    if value >= timezone.localdate():
        raise ValidationError("The date of birth must be in the past.", code="date_of_birth")
    if value.year < _OLDEST_BIRTH_YEAR:
        raise ValidationError("Check the year of birth.", code="date_of_birth")


def check_awarding_number(value: str) -> None:
    if len(value) > LearnerAwardingNumber._meta.get_field("number").max_length:
        raise ValidationError("A number can be at most 30 characters.", code="max_length")
    if _has_control_characters(value):
        raise ValidationError("A number cannot contain control characters.", code="control")


def mis_ref_taken(mis_ref: str, holder: str) -> str:
    return f"Another learner at this centre already has MIS reference {mis_ref} ({holder})."


def uln_taken(uln: str, holder: str) -> str:
    return f"Another learner at this centre already has ULN {uln} ({holder})."


def number_taken(label: str, number: str, holder: str) -> str:
    return f"Another learner at this centre already has {label} {number} ({holder})."


def already_enrolled(learner_name: str, qualification_title: str, academic_year: str) -> str:
    return f"{learner_name} is already enrolled on {qualification_title} in {academic_year}."


def _clean(details: LearnerDetails) -> tuple[LearnerDetails, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    given, family = details.given_name.strip(), details.family_name.strip()
    uln = details.uln.replace(" ", "")
    mis_ref = details.mis_ref.strip()
    numbers = {ao_id: number.strip() for ao_id, number in details.awarding_numbers.items()}
    checks = (
        ("given_name", lambda: check_name(given, "given name")),
        ("family_name", lambda: check_name(family, "family name")),
        ("date_of_birth", lambda: check_date_of_birth(details.date_of_birth)),
        ("uln", lambda: validate_uln(uln)),
        ("mis_ref", lambda: check_mis_ref(mis_ref)),
    )
    for name, check in checks:
        try:
            check()
        except ValidationError as error:
            errors[name] = error.messages
    cleaned = LearnerDetails(given, family, details.date_of_birth, uln, mis_ref, details.ehc_plan, numbers)
    return cleaned, errors


def _uniqueness_errors(
    centre: Centre, details: LearnerDetails, learner_pk: int | None
) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}
    others = Learner.objects.filter(centre=centre).exclude(pk=learner_pk)
    if details.mis_ref:
        clash = others.filter(mis_ref__iexact=details.mis_ref).first()
        if clash:
            errors["mis_ref"] = [ValidationError(mis_ref_taken(details.mis_ref, clash.full_name), code=DUPLICATE)]
    if details.uln:
        clash = others.filter(uln=details.uln).first()
        if clash:
            errors["uln"] = [ValidationError(uln_taken(details.uln, clash.full_name), code=DUPLICATE)]
    organisations = AwardingOrganisation.objects.in_bulk(list(details.awarding_numbers))
    for ao_id, number in details.awarding_numbers.items():
        organisation = organisations.get(ao_id)
        if organisation is None:
            errors[awarding_number_key(ao_id)] = [ValidationError("Unknown awarding organisation.")]
            continue
        if not number:
            continue
        try:
            check_awarding_number(number)
        except ValidationError as error:
            errors[awarding_number_key(ao_id)] = [error]
            continue
        clash = (
            LearnerAwardingNumber.objects.filter(centre=centre, awarding_organisation_id=ao_id, number__iexact=number)
            .exclude(learner_id=learner_pk)
            .select_related("learner")
            .first()
        )
        if clash:
            label = awarding_number_label(organisation)
            errors[awarding_number_key(ao_id)] = [
                ValidationError(number_taken(label, number, clash.learner.full_name), code=DUPLICATE)
            ]
    return errors


def save_learner(*, centre: Centre, details: LearnerDetails, learner: Learner | None = None) -> Learner:
    """Create a learner (learner=None) or update one, with their awarding-organisation numbers."""
    if learner is not None and learner.centre_id != centre.pk:
        raise ValueError("The learner belongs to another centre")
    details, errors = _clean(details)
    all_errors: dict[str, list[Any]] = dict(errors)
    for key, found in _uniqueness_errors(centre, details, learner.pk if learner else None).items():
        all_errors.setdefault(key, found)
    if all_errors:
        raise ValidationError(all_errors)
    try:
        with transaction.atomic():
            if learner is None:
                learner = Learner(centre=centre)
            else:
                # Race: two people editing the same learner; the lock makes the second wait for the first's
                # numbers to be written instead of interleaving the two sets.
                learner = Learner.objects.select_for_update().get(pk=learner.pk)
            learner.given_name, learner.family_name = details.given_name, details.family_name
            learner.date_of_birth, learner.uln = details.date_of_birth, details.uln
            learner.mis_ref, learner.ehc_plan = details.mis_ref, details.ehc_plan
            learner.save()
            _sync_awarding_numbers(learner, details.awarding_numbers)
    except IntegrityError:
        # Someone else saved the same reference or number between our checks and the write.
        raise ValidationError(
            "Another learner with the same MIS reference, ULN or awarding number was saved at the same moment. "
            "Nothing was saved: check the details and try again.",
            code=DUPLICATE,
        ) from None
    return learner


def _sync_awarding_numbers(learner: Learner, numbers: Mapping[int, str]) -> None:
    existing = {n.awarding_organisation_id: n for n in LearnerAwardingNumber.objects.filter(learner=learner)}
    for ao_id, number in numbers.items():
        current = existing.get(ao_id)
        if not number:
            if current is not None:
                current.delete()
        elif current is None:
            LearnerAwardingNumber.objects.create(
                centre_id=learner.centre_id, learner=learner, awarding_organisation_id=ao_id, number=number
            )
        elif current.number != number:
            current.number = number
            current.save(update_fields=["number"])


@dataclass(frozen=True)
class EnrolmentDetails:
    qualification: Qualification
    academic_year: str
    start_date: date
    status: str = EnrolmentStatus.ACTIVE


def save_enrolment(*, learner: Learner, details: EnrolmentDetails, enrolment: Enrolment | None = None) -> Enrolment:
    """Enrol a learner on a qualification for an academic year, or change an enrolment.

    A learner is enrolled on a qualification at most once per academic year. An enrolment in teaching groups
    keeps its qualification and year: the groups are for that qualification and year."""
    if enrolment is not None and enrolment.learner_id != learner.pk:
        raise ValueError("The enrolment belongs to another learner")
    errors: dict[str, list[Any]] = {}
    year = details.academic_year.strip()
    try:
        validate_academic_year(year)
    except ValidationError as error:
        errors["academic_year"] = error.messages
    if details.status not in EnrolmentStatus.values:
        errors["status"] = ["Choose a status."]
    if not errors:
        clash = Enrolment.objects.filter(learner=learner, qualification=details.qualification, academic_year=year)
        if enrolment is not None:
            clash = clash.exclude(pk=enrolment.pk)
        if clash.exists():
            message = already_enrolled(learner.full_name, details.qualification.title, year)
            errors["qualification"] = [ValidationError(f"{message} Change that enrolment instead.", code=DUPLICATE)]
    if enrolment is not None and not errors:
        moved = enrolment.qualification_id != details.qualification.pk or enrolment.academic_year != year
        groups = list(enrolment.teaching_groups.values_list("name", flat=True)) if moved else []
        if groups:
            errors["qualification"] = [
                f"This enrolment is in the teaching group {', '.join(groups)}. Remove it from the group before "
                "you change its qualification or academic year."
            ]
    if errors:
        raise ValidationError(errors)
    if enrolment is None:
        enrolment = Enrolment(centre_id=learner.centre_id, learner=learner)
    enrolment.qualification = details.qualification
    enrolment.academic_year = year
    enrolment.start_date = details.start_date
    enrolment.status = details.status
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # the same enrolment created in another request between the check and the insert
        raise ValidationError(
            {
                "qualification": ValidationError(
                    already_enrolled(learner.full_name, details.qualification.title, year), code=DUPLICATE
                )
            }
        ) from None
    return enrolment
