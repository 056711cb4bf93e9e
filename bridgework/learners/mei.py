"""Whether meaningful employer involvement (MEI) is required for an enrolment, and why (domain.md §1–2).

MEI is required when the qualification requires it AND the learner's age on 31 August at the start of the
funding year in which they began the programme is 16–18, or (with an EHC plan) no more than 24.
The ages are settings: MEI_AGE_MIN, MEI_AGE_MAX, MEI_EHC_AGE_MAX.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from bridgework.learners.identifiers import academic_year_of, age_on


@dataclass(frozen=True)
class MeiRequirement:
    required: bool
    code: str
    message: str
    age_on_31_august: int


QUALIFICATION_NOT_REQUIRED = "QUALIFICATION_NOT_REQUIRED"
LEARNER_AGE_OUT_OF_SCOPE = "LEARNER_AGE_OUT_OF_SCOPE"
REQUIRED_BY_AGE = "REQUIRED_BY_AGE"
REQUIRED_BY_EHC_PLAN = "REQUIRED_BY_EHC_PLAN"


def funding_year_31_august(programme_start: date) -> date:
    """31 August at the start of the funding (academic) year in which the programme began."""
    return date(int(academic_year_of(programme_start)[:4]), 8, 31)


def mei_requirement(
    *, requires_mei: bool, date_of_birth: date, ehc_plan: bool, programme_start: date
) -> MeiRequirement:
    reference_day = funding_year_31_august(programme_start)
    age = age_on(date_of_birth, reference_day)
    on = reference_day.strftime("%-d %B %Y")
    if not requires_mei:
        return MeiRequirement(
            False,
            QUALIFICATION_NOT_REQUIRED,
            "This qualification does not require employer involvement (only Tech Levels and Technical "
            "Certificates do).",
            age,
        )
    if settings.MEI_AGE_MIN <= age <= settings.MEI_AGE_MAX:
        return MeiRequirement(
            True,
            REQUIRED_BY_AGE,
            f"Required: the learner was {age} on {on}, the start of their funding year.",
            age,
        )
    if ehc_plan and settings.MEI_AGE_MIN <= age <= settings.MEI_EHC_AGE_MAX:
        return MeiRequirement(
            True,
            REQUIRED_BY_EHC_PLAN,
            f"Required: the learner was {age} on {on} and has an EHC plan (funded as 16 to 18 up to "
            f"{settings.MEI_EHC_AGE_MAX}).",
            age,
        )
    limit = settings.MEI_EHC_AGE_MAX if ehc_plan else settings.MEI_AGE_MAX
    return MeiRequirement(
        False,
        LEARNER_AGE_OUT_OF_SCOPE,
        f"Not required: the learner was {age} on {on}, outside the {settings.MEI_AGE_MIN} to {limit} range"
        + (" for learners with an EHC plan." if ehc_plan else "."),
        age,
    )


def mei_requirement_for(enrolment) -> MeiRequirement:  # type: ignore[no-untyped-def]
    return mei_requirement(
        requires_mei=enrolment.qualification.requires_mei,
        date_of_birth=enrolment.learner.date_of_birth,
        ehc_plan=enrolment.learner.ehc_plan,
        programme_start=enrolment.start_date,
    )
