"""Learners and enrolments from a spreadsheet exported by the MIS: columns, then the shared learner planner."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from bridgework.imports.columns import MIS_REF_ALIASES, ULN_ALIASES, CleanRow, ImportColumn, ProgressCallback
from bridgework.imports.kinds import Importer, Plan, register
from bridgework.imports.kinds.catalogue_index import CatalogueIndex
from bridgework.imports.kinds.learner_plan import EnrolmentLine, plan_learners, write_learners
from bridgework.imports.models import ImportKind
from bridgework.imports.values import parse_date, parse_flag
from bridgework.learners.identifiers import academic_year_of, validate_academic_year, validate_uln
from bridgework.learners.services import records
from bridgework.people.models import Centre


def _text(check: Any = None, *, required: str = "") -> Any:
    def clean(value: Any, previous: dict[str, Any]) -> str | None:
        if value is None:
            return None  # column not mapped
        text = str(value).strip()
        if not text:
            if required:
                raise ValidationError(required)
            return ""
        if check:
            check(text)
        return text

    return clean


def _uln(value: Any, previous: dict[str, Any]) -> str | None:
    if value is None:
        return None
    text = str(value).replace(" ", "").strip()
    validate_uln(text)
    if not text and not previous.get("mis_ref"):
        raise ValidationError("Each row needs an MIS reference or a ULN to find the learner by.")
    return text


def _date_of_birth(value: Any, previous: dict[str, Any]) -> Any:
    birth = parse_date(value)
    if birth is None:
        raise ValidationError("Enter the learner's date of birth.")
    records.check_date_of_birth(birth)
    return birth


class LearnerImporter(Importer):
    kind = ImportKind.LEARNERS
    record_name = "learner"
    mapping_hint = "Learners are matched by MIS reference, then by ULN: choose at least one of them."

    def columns(self, centre: Centre) -> list[ImportColumn]:
        catalogue = CatalogueIndex()

        def qualification(value: Any, previous: dict[str, Any]) -> Any:
            if not value:
                return None
            return catalogue.find(str(value))

        def academic_year(value: Any, previous: dict[str, Any]) -> str | None:
            if not value:
                return None
            validate_academic_year(str(value))
            return str(value)

        def start_date(value: Any, previous: dict[str, Any]) -> Any:
            start = parse_date(value)
            if previous.get("qualification") and start is None:
                raise ValidationError("Enter the date the learner started this qualification.")
            return start

        def ao_number(value: Any, previous: dict[str, Any]) -> str | None:
            if not value:
                return None
            if not previous.get("qualification"):
                raise ValidationError("A candidate or enrolment number needs a qualification on the same row.")
            records.check_awarding_number(str(value))
            return str(value).strip()

        return [
            ImportColumn(
                "mis_ref",
                "MIS reference",
                aliases=MIS_REF_ALIASES,
                help_text="The learner's reference in your MIS (the ILR LearnRefNumber).",
                cleaner=_text(records.check_mis_ref),
            ),
            ImportColumn(
                "given_name",
                "Given name",
                required=True,
                aliases=("given names", "GivenNames", "first name", "forename", "forenames"),
                cleaner=_text(
                    lambda v: records.check_name(v, "given name"), required="Enter the learner's given name."
                ),
            ),
            ImportColumn(
                "family_name",
                "Family name",
                required=True,
                aliases=("FamilyName", "surname", "last name"),
                cleaner=_text(
                    lambda v: records.check_name(v, "family name"), required="Enter the learner's family name."
                ),
            ),
            ImportColumn(
                "date_of_birth",
                "Date of birth",
                required=True,
                aliases=("DateOfBirth", "dob", "birth date"),
                help_text="Day/month/year (31/01/2009) or 2009-01-31.",
                cleaner=_date_of_birth,
            ),
            ImportColumn("uln", "ULN", aliases=ULN_ALIASES, help_text="10 digits; blank if unknown.", cleaner=_uln),
            ImportColumn(
                "ehc_plan",
                "EHC plan",
                aliases=("ehc", "ehcp"),
                help_text="Y or N.",
                cleaner=lambda v, p: parse_flag(v),
            ),
            ImportColumn(
                "qualification",
                "Qualification",
                aliases=("qan", "qualification number", "LearnAimRef", "aim reference", "qualification (QAN)"),
                help_text="QAN, awarding organisation code (8202-30) or exact title.",
                cleaner=qualification,
            ),
            ImportColumn(
                "academic_year",
                "Academic year",
                aliases=("year",),
                help_text="Like 2025/26; worked out from the start date if not given.",
                cleaner=academic_year,
                depends_on=("qualification",),
            ),
            ImportColumn(
                "start_date",
                "Start date",
                aliases=("LearnStartDate",),
                cleaner=start_date,
                depends_on=("qualification",),
            ),
            ImportColumn(
                "ao_number",
                "Candidate or enrolment number",
                aliases=("candidate number", "enrolment number", "AO number", "awarding organisation number"),
                help_text="The learner's number at the qualification's awarding organisation.",
                cleaner=ao_number,
                depends_on=("qualification",),
            ),
        ]

    def check_mapping(self, mapping: dict[str, str]) -> dict[str, str]:
        if not mapping.get("mis_ref") and not mapping.get("uln"):
            return {"mis_ref": "Choose the column with the MIS reference or the ULN: learners are matched by them."}
        return {}

    def plan(self, centre: Centre, rows: list[CleanRow], progress: ProgressCallback | None = None) -> Plan:
        shaped: list[CleanRow] = []
        for row in rows:
            values = dict(row.values)
            qualification = values.pop("qualification", None)
            academic_year = values.pop("academic_year", None)
            start = values.pop("start_date", None)
            number = values.pop("ao_number", None)
            values["enrolments"] = (
                [
                    EnrolmentLine(
                        row=row.row,
                        qualification=qualification,
                        academic_year=academic_year or academic_year_of(start),
                        start_date=start,
                        ao_number=number,
                        where=row.labels.get("qualification", "Qualification"),
                        number_where=row.labels.get("ao_number", "Candidate or enrolment number"),
                    )
                ]
                if qualification
                else []
            )
            shaped.append(CleanRow(row.row, values, row.labels))
        return plan_learners(centre, shaped, progress)

    def write(self, centre: Centre, plan: Plan, actor_id: int | None) -> None:
        write_learners(centre, plan, actor_id)


register(LearnerImporter())
