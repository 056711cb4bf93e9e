"""The centre's learners and enrolments as an export table: one row per enrolment (learners without one get
a row of their own). The headings are the learner import's field names, so an export imports back unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bridgework.core.exports import ExportTable
from bridgework.learners.models import Enrolment, Learner, LearnerAwardingNumber

HEADERS = [
    "MIS reference",
    "Given name",
    "Family name",
    "Date of birth",
    "ULN",
    "EHC plan",
    "Qualification",
    "Qualification title",
    "Awarding organisation",
    "Academic year",
    "Start date",
    "Status",
    "Candidate or enrolment number",
]


def _learner_cells(learner: Learner) -> list[Any]:
    return [
        learner.mis_ref,
        learner.given_name,
        learner.family_name,
        learner.date_of_birth,
        learner.uln,
        learner.ehc_plan,
    ]


def _rows() -> Iterator[list[Any]]:
    numbers = {
        (learner_id, ao_id): number
        for learner_id, ao_id, number in LearnerAwardingNumber.objects.values_list(
            "learner_id", "awarding_organisation_id", "number"
        )
    }
    enrolments = Enrolment.objects.select_related("learner", "qualification__awarding_organisation").order_by(
        "learner__family_name", "learner__given_name", "learner_id", "academic_year", "qualification__title"
    )
    for enrolment in enrolments.iterator(chunk_size=2000):
        qualification = enrolment.qualification
        yield [
            *_learner_cells(enrolment.learner),
            qualification.qan or qualification.ao_code or qualification.title,
            qualification.title,
            qualification.awarding_organisation.code,
            enrolment.academic_year,
            enrolment.start_date,
            enrolment.get_status_display(),
            numbers.get((enrolment.learner_id, qualification.awarding_organisation_id), ""),
        ]
    for learner in Learner.objects.filter(enrolments=None).order_by("family_name", "given_name", "id"):
        yield [*_learner_cells(learner), "", "", "", "", None, "", ""]


def learners_table() -> ExportTable:
    """Call inside the centre's scope."""
    return ExportTable("Learners", HEADERS, _rows())
