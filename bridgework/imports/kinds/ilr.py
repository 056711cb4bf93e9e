"""Learners and enrolments from an ILR XML file (domain.md §9).

The namespace changes every year (ESFA/ILR/2024-25, ESFA/ILR/2025-26, …), so elements are matched by their
local names. Each Learner gives LearnRefNumber, ULN, names, DateOfBirth and the EHC plan flag (LearnerFAM
type EHC, code 1); each LearningDelivery gives LearnAimRef (a QAN without slashes) and LearnStartDate.
Errors name the learner's position in the file and its LearnRefNumber.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError

from bridgework.imports.columns import CleanRow, ProgressCallback, RowError
from bridgework.imports.kinds import Importer, Plan, register
from bridgework.imports.kinds.catalogue_index import CatalogueIndex
from bridgework.imports.kinds.learner_plan import EnrolmentLine, plan_learners, write_learners
from bridgework.imports.models import ImportKind
from bridgework.imports.readers import ImportFileError, decode_text
from bridgework.imports.values import parse_date
from bridgework.learners.identifiers import academic_year_of, validate_uln
from bridgework.learners.services import records
from bridgework.people.models import Centre

# The ILR's "ULN not known" placeholder. Bridgework keeps unknown ULNs blank instead (domain.md §9).
ILR_UNKNOWN_ULN = "9999999999"
# Z-prefixed aims are the ILR's non-regulated class codes (work experience Z0007838, …): not qualifications.
NON_QUALIFICATION_AIM_PREFIX = "Z"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def parse_ilr(data: bytes) -> list[Element]:
    text = decode_text(data)
    try:
        root = SafeElementTree.fromstring(text)
    except DefusedXmlException as exc:
        raise ImportFileError("The XML file uses entities or a DTD, which are not allowed. It was refused.") from exc
    except SafeElementTree.ParseError as exc:
        raise ImportFileError(f"The file is not well-formed XML ({exc}).") from exc
    if _local(root.tag) != "Message":
        raise ImportFileError("This is not an ILR file: its top element should be <Message>.")
    return _children(root, "Learner")


def skipped_aim_warnings(rows: list[CleanRow]) -> list[RowError]:
    """One warning per aim outside the catalogue, at the first learner who has it, with how many have it."""
    first: dict[str, CleanRow] = {}
    learners: dict[str, int] = {}
    for row in rows:
        for aim in dict.fromkeys(row.values.get("skipped_aims", [])):
            first.setdefault(aim, row)
            learners[aim] = learners.get(aim, 0) + 1
    return [
        RowError(
            row.row,
            f"Learner {row.values['mis_ref']}, LearnAimRef",
            f"Not in the catalogue: skipped for {learners[aim]} learner{'s' if learners[aim] != 1 else ''}.",
            aim,
        )
        for aim, row in first.items()
    ]


class IlrImporter(Importer):
    kind = ImportKind.ILR
    formats = ("xml",)
    needs_mapping = False
    record_name = "learner"

    def parse(self, data: bytes, file_format: str) -> tuple[list[CleanRow], list[RowError], int]:
        if file_format != "xml":
            raise ImportFileError("An ILR import needs the ILR XML file.")
        learners = parse_ilr(data)
        catalogue = CatalogueIndex()
        rows: list[CleanRow] = []
        errors: list[RowError] = []
        for position, element in enumerate(learners, start=1):
            row, row_errors = self._learner(position, element, catalogue)
            errors += row_errors
            if row is not None:
                rows.append(row)
        return rows, errors, len(learners)

    def _learner(
        self, position: int, element: Element, catalogue: CatalogueIndex
    ) -> tuple[CleanRow | None, list[RowError]]:
        errors: list[RowError] = []
        ref = _text(element, "LearnRefNumber")

        def fail(field: str, message: str, value: str = "") -> None:
            where = f"Learner {ref}, {field}" if ref else field
            errors.append(RowError(position, where, message, value))

        values: dict[str, Any] = {"mis_ref": ref}
        try:
            records.check_mis_ref(ref)
            if not ref:
                raise ValidationError("Every learner needs a LearnRefNumber.")
        except ValidationError as exc:
            fail("LearnRefNumber", exc.messages[0], ref)
        uln = _text(element, "ULN")
        values["uln"] = "" if uln == ILR_UNKNOWN_ULN else uln
        try:
            validate_uln(values["uln"])
        except ValidationError as exc:
            fail("ULN", exc.messages[0], uln)
        for name, tag, what in (
            ("given_name", "GivenNames", "given name"),
            ("family_name", "FamilyName", "family name"),
        ):
            values[name] = _text(element, tag)
            try:
                records.check_name(values[name], what)
            except ValidationError as exc:
                fail(tag, exc.messages[0], values[name])
        try:
            values["date_of_birth"] = parse_date(_text(element, "DateOfBirth"))
            if values["date_of_birth"] is None:
                raise ValidationError("Every learner needs a DateOfBirth.")
        except ValidationError as exc:
            fail("DateOfBirth", exc.messages[0], _text(element, "DateOfBirth"))
        values["ehc_plan"] = any(
            _text(fam, "LearnFAMType") == "EHC" and _text(fam, "LearnFAMCode") == "1"
            for fam in _children(element, "LearnerFAM")
        )
        lines: list[EnrolmentLine] = []
        skipped: list[str] = []  # aims not in the catalogue (GCSEs, A levels…), with ILR_SKIP_UNKNOWN_AIMS
        deliveries = _children(element, "LearningDelivery")
        for number, delivery in enumerate(deliveries, start=1):
            aim = _text(delivery, "LearnAimRef")
            if aim.upper().startswith(NON_QUALIFICATION_AIM_PREFIX):
                continue
            qualification = catalogue.by_aim_ref(aim) if aim else None
            if qualification is None and aim and settings.ILR_SKIP_UNKNOWN_AIMS:
                skipped.append(aim)
                continue
            if qualification is None:
                fail(
                    f"LearningDelivery {number} LearnAimRef",
                    f"No qualification in the catalogue has the aim reference (QAN) “{aim}”.",
                    aim,
                )
                continue
            try:
                start = parse_date(_text(delivery, "LearnStartDate"))
                if start is None:
                    raise ValidationError("Every learning delivery needs a LearnStartDate.")
            except ValidationError as exc:
                fail(f"LearningDelivery {number} LearnStartDate", exc.messages[0], _text(delivery, "LearnStartDate"))
                continue
            lines.append(
                EnrolmentLine(
                    row=position,
                    qualification=qualification,
                    academic_year=academic_year_of(start),
                    start_date=start,
                    ao_number=None,
                    where=f"Learner {ref}, LearningDelivery {number} LearnAimRef",
                    number_where="",
                )
            )
        if errors:
            return None, errors
        if skipped and not lines:
            # Only aims outside the catalogue: not a learner Bridgework tracks (an A-level or GCSE-only learner).
            return CleanRow(position, {"skip": True, "mis_ref": ref, "skipped_aims": skipped}), []
        values["enrolments"] = lines
        values["skipped_aims"] = skipped
        labels = {"mis_ref": "LearnRefNumber", "uln": "ULN", "given_name": "GivenNames", "family_name": "FamilyName"}
        labels |= {"date_of_birth": "DateOfBirth", "ehc_plan": "LearnerFAM (EHC)"}
        return CleanRow(position, values, {k: f"Learner {ref}, {v}" for k, v in labels.items()}), []

    def plan(self, centre: Centre, rows: list[CleanRow], progress: ProgressCallback | None = None) -> Plan:
        plan = plan_learners(centre, [row for row in rows if not row.values.get("skip")], progress)
        plan.warnings += skipped_aim_warnings(rows)
        plan.summary["learners_left_out"] = sum(1 for row in rows if row.values.get("skip"))
        return plan

    def summary_lines(self, summary: dict[str, int], done: bool) -> list[str]:
        left_out = summary.get("learners_left_out", 0)
        if not left_out:
            return []
        learners = f"{left_out} learner{'s' if left_out != 1 else ''}"
        verb = "were" if left_out != 1 else "was"
        return [f"{learners} with no learning aim in the catalogue {verb} {'left out' if done else 'to leave out'}"]

    def warnings_intro(self, state: str) -> str:
        return (
            "These learning aims are not in the catalogue (GCSEs, A levels and other qualifications without "
            "employer involvement requirements), so no enrolment is made for them. A learner with no aim in the "
            "catalogue is left out. If an aim should be here, ask a platform administrator to add the qualification."
        )

    def write(self, centre: Centre, plan: Plan, actor_id: int | None) -> None:
        write_learners(centre, plan, actor_id)


register(IlrImporter())
