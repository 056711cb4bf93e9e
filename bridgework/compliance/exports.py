"""The compliance report: one row per enrolment with the engine's status and its reasons, for the same cohort
the compliance dashboard shows (its filters), optionally one status only. One set-based pass: a constant
number of queries whatever the number of learners."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from bridgework.compliance.engine import STATUS_LABELS, STATUSES, evaluate
from bridgework.compliance.facts import load_facts
from bridgework.compliance.services.dashboard import Filters, cohort
from bridgework.core.exports import ExportTable

HEADERS = [
    "Learner",
    "MIS reference",
    "ULN",
    "Qualification",
    "Qualification number",
    "Awarding organisation",
    "Academic year",
    "Status",
    "Reasons",
    "Next action",
    "Through a contingency",
    "Deadline",
]


def valid_status(value: str) -> str:
    """The status filter's value when it is a status the engine answers, else no filter."""
    return value if value in STATUSES else ""


def _rows(filters: Filters, status: str, now: datetime | None) -> Iterator[list[Any]]:
    enrolments = cohort(filters)
    results = evaluate(load_facts(enrolments), now=now)
    for row in enrolments.order_by(
        "learner__family_name", "learner__given_name", "learner_id", "-academic_year", "qualification__title"
    ).values_list(
        "pk",
        "learner__given_name",
        "learner__family_name",
        "learner__mis_ref",
        "learner__uln",
        "qualification__title",
        "qualification__qan",
        "qualification__ao_code",
        "qualification__awarding_organisation__code",
        "academic_year",
    ):
        enrolment_id, given, family, mis_ref, uln, title, qan, ao_code, ao, year = row
        result = results[enrolment_id]
        if status and result.status != status:
            continue
        yield [
            f"{given} {family}",
            mis_ref,
            uln,
            title,
            qan or ao_code,
            ao,
            year,
            STATUS_LABELS[result.status],
            " ".join(reason.message for reason in result.reasons),
            result.next_action,
            result.contingency,
            result.deadline,
        ]


def compliance_report_table(filters: Filters, status: str = "", now: datetime | None = None) -> ExportTable:
    """Read inside the centre's scope (the cohort is the scoped enrolments)."""
    return ExportTable("Compliance", HEADERS, _rows(filters, valid_status(status), now))
