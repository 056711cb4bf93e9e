"""Matching imported learners to the centre's records (by MIS reference, then ULN) and writing the result.

Shared by the spreadsheet and ILR kinds. The planner reads the centre's learners, numbers and enrolments
in three queries, checks every row against them and against the other rows of the file, and decides for
each learner: created, updated or unchanged. The writer applies that plan with bulk queries, inside the
caller's transaction, and writes the audit entries the bulk queries would otherwise skip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from bridgework.catalogue.models import Qualification
from bridgework.imports.audit import bulk_log
from bridgework.imports.columns import CleanRow, ProgressCallback, RowError
from bridgework.imports.kinds import Plan
from bridgework.learners.models import Enrolment, Learner, LearnerAwardingNumber
from bridgework.learners.services import records
from bridgework.people.models import Centre

LEARNER_FIELDS = ("mis_ref", "given_name", "family_name", "date_of_birth", "uln", "ehc_plan")
FIELD_NAMES = {
    "mis_ref": "MIS reference",
    "given_name": "given name",
    "family_name": "family name",
    "date_of_birth": "date of birth",
    "uln": "ULN",
    "ehc_plan": "EHC plan",
}
BATCH = 500


@dataclass
class EnrolmentLine:
    row: int
    qualification: Qualification
    academic_year: str
    start_date: date
    ao_number: str | None
    where: str  # how errors name the qualification's column
    number_where: str


@dataclass
class FileLearner:
    key: tuple[str, str]
    row: int
    values: dict[str, Any]
    rows: dict[str, int]  # field → the row that gave it
    labels: dict[str, str]
    lines: list[EnrolmentLine] = field(default_factory=list)


@dataclass
class LearnerPayload:
    new: list[tuple[Learner, FileLearner]] = field(default_factory=list)
    changed: list[tuple[Learner, dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    new_enrolments: list[tuple[Learner, EnrolmentLine]] = field(default_factory=list)
    moved_enrolments: list[tuple[Enrolment, date]] = field(default_factory=list)
    new_numbers: list[tuple[Learner, int, str]] = field(default_factory=list)
    changed_numbers: list[tuple[LearnerAwardingNumber, str]] = field(default_factory=list)


def _key(values: dict[str, Any]) -> tuple[str, str] | None:
    # MIS references are unique per centre whatever their case (learners.services.records), so match them so.
    if values.get("mis_ref"):
        return ("mis", values["mis_ref"].casefold())
    if values.get("uln"):
        return ("uln", values["uln"])
    return None


def _merge(rows: list[CleanRow], errors: list[RowError]) -> list[FileLearner]:
    """One FileLearner per learner in the file; rows that disagree about a learner, or repeat one, are errors."""
    learners: dict[tuple[str, str], FileLearner] = {}
    uln_owner: dict[str, tuple[tuple[str, str], int]] = {}
    for row in rows:
        values = row.values
        label = row.labels.get
        key = _key(values)
        if key is None:
            errors.append(
                RowError(row.row, label("mis_ref", "MIS reference"), "Each row needs an MIS reference or a ULN.")
            )
            continue
        uln = values.get("uln")
        if uln:
            owner = uln_owner.setdefault(uln, (key, row.row))
            if owner[0] != key:
                errors.append(
                    RowError(
                        row.row, label("uln", "ULN"), f"Row {owner[1]} gives this ULN to a different learner.", uln
                    )
                )
                continue
        found = learners.get(key)
        if found is None:
            learners[key] = FileLearner(
                key,
                row.row,
                {f: values.get(f) for f in LEARNER_FIELDS},
                dict.fromkeys(LEARNER_FIELDS, row.row),
                row.labels,
                list(values.get("enrolments", [])),
            )
            continue
        disagreement = False
        for name in LEARNER_FIELDS:
            new, old = values.get(name), found.values.get(name)
            if new in (None, ""):
                continue
            if old in (None, ""):
                found.values[name], found.rows[name] = new, row.row
            elif old != new:
                disagreement = True
                errors.append(
                    RowError(
                        row.row,
                        label(name, FIELD_NAMES[name]),
                        f"Row {found.rows[name]} gives this learner a different {FIELD_NAMES[name]} ({old}).",
                        str(new),
                    )
                )
        if disagreement:
            continue
        lines = list(values.get("enrolments", []))
        if not lines:
            errors.append(RowError(row.row, label("mis_ref", "MIS reference"), f"Duplicate of row {found.row}."))
        for line in lines:
            same = next(
                (
                    old
                    for old in found.lines
                    if old.qualification.pk == line.qualification.pk and old.academic_year == line.academic_year
                ),
                None,
            )
            if same is not None:
                errors.append(
                    RowError(
                        line.row,
                        line.where,
                        f"Duplicate of row {same.row}: the same learner, qualification and academic year.",
                        line.qualification.reference,
                    )
                )
            else:
                found.lines.append(line)
    return list(learners.values())


class _State:
    """The centre's current learners, numbers and enrolments, indexed for matching (three queries)."""

    def __init__(self, centre: Centre) -> None:
        learners = list(Learner.objects.filter(centre=centre).only("centre", *LEARNER_FIELDS))
        self.by_pk = {learner.pk: learner for learner in learners}
        self.by_mis = {learner.mis_ref.casefold(): learner for learner in learners if learner.mis_ref}
        self.by_uln = {learner.uln: learner for learner in learners if learner.uln}
        numbers = list(LearnerAwardingNumber.objects.filter(centre=centre))
        self.numbers = {(n.learner_id, n.awarding_organisation_id): n for n in numbers}
        # Numbers are unique per awarding organisation whatever their case, as the record services check them.
        self.number_owner = {(n.awarding_organisation_id, n.number.casefold()): n.learner_id for n in numbers}
        self.enrolments = {
            (e.learner_id, e.qualification_id, e.academic_year): e
            for e in Enrolment.objects.filter(centre=centre).only(
                "learner_id", "qualification_id", "academic_year", "start_date"
            )
        }


def plan_learners(centre: Centre, rows: list[CleanRow], progress: ProgressCallback | None = None) -> Plan:
    errors: list[RowError] = []
    file_learners = _merge(rows, errors)
    state = _State(centre)
    payload = LearnerPayload()
    plan = Plan(errors=errors, payload=payload)
    numbers_in_file: dict[tuple[int, str], tuple[int, tuple[str, str]]] = {}
    total = max(len(file_learners), 1)
    for index, item in enumerate(file_learners):
        if progress and index % 1000 == 0:
            progress(int(100 * index / total))
        outcome = _plan_one(centre, item, state, payload, numbers_in_file, errors)
        if outcome == "created":
            plan.created += 1
        elif outcome == "updated":
            plan.updated += 1
        elif outcome == "unchanged":
            plan.unchanged += 1
    plan.summary = {
        "enrolments_created": len(payload.new_enrolments),
        "enrolments_updated": len(payload.moved_enrolments),
        "numbers_set": len(payload.new_numbers) + len(payload.changed_numbers),
    }
    return plan


def _plan_one(
    centre: Centre,
    item: FileLearner,
    state: _State,
    payload: LearnerPayload,
    numbers_in_file: dict[tuple[int, str], tuple[int, tuple[str, str]]],
    errors: list[RowError],
) -> str | None:
    values, label = item.values, item.labels.get
    mis_ref, uln = values.get("mis_ref") or "", values.get("uln") or ""
    match = state.by_mis.get(mis_ref.casefold()) if mis_ref else None
    if match is None and uln:
        match = state.by_uln.get(uln)
    holder = state.by_uln.get(uln) if uln else None
    if holder is not None and holder is not match:
        errors.append(RowError(item.rows["uln"], label("uln", "ULN"), records.uln_taken(uln, holder.full_name), uln))
        return None
    before = len(errors)
    learner_changes: dict[str, tuple[Any, Any]] = {}
    if match is None:
        learner = Learner(
            centre=centre,
            mis_ref=mis_ref,
            uln=uln,
            given_name=values["given_name"],
            family_name=values["family_name"],
            date_of_birth=values["date_of_birth"],
            ehc_plan=bool(values.get("ehc_plan")),
        )
    else:
        learner = match
        for name in LEARNER_FIELDS:
            new = values.get(name)
            # A blank cell never erases what is held: MIS exports often leave ULNs and flags out.
            if new is None or new == "":
                continue
            if getattr(match, name) != new:
                learner_changes[name] = (getattr(match, name), new)
    learner_pk = match.pk if match is not None else None
    enrolment_changes = _plan_enrolments(item, learner, learner_pk, state, payload, numbers_in_file, errors)
    if len(errors) > before:
        return None
    if match is None:
        payload.new.append((learner, item))
        return "created"
    if learner_changes:
        payload.changed.append((learner, learner_changes))
    return "updated" if (learner_changes or enrolment_changes) else "unchanged"


def _plan_enrolments(
    item: FileLearner,
    learner: Learner,
    learner_pk: int | None,
    state: _State,
    payload: LearnerPayload,
    numbers_in_file: dict[tuple[int, str], tuple[int, tuple[str, str]]],
    errors: list[RowError],
) -> bool:
    changed = False
    numbers_for_learner: dict[int, EnrolmentLine] = {}
    for line in item.lines:
        existing = state.enrolments.get((learner_pk, line.qualification.pk, line.academic_year)) if learner_pk else None
        if existing is None:
            payload.new_enrolments.append((learner, line))
            changed = True
        elif existing.start_date != line.start_date:
            payload.moved_enrolments.append((existing, line.start_date))
            changed = True
        if not line.ao_number:
            continue
        ao_id, number = line.qualification.awarding_organisation_id, line.ao_number
        ao_code = line.qualification.awarding_organisation.code
        earlier = numbers_for_learner.get(ao_id)
        if earlier is not None:
            if earlier.ao_number != number:
                errors.append(
                    RowError(
                        line.row,
                        line.number_where,
                        f"Row {earlier.row} gives this learner a different {ao_code} number ({earlier.ao_number}).",
                        number,
                    )
                )
            continue
        numbers_for_learner[ao_id] = line
        owner = state.number_owner.get((ao_id, number.casefold()))
        in_file = numbers_in_file.setdefault((ao_id, number.casefold()), (line.row, item.key))
        if (owner is not None and owner != learner_pk) or in_file[1] != item.key:
            if in_file[1] == item.key and owner is not None:
                label_text = records.awarding_number_label(line.qualification.awarding_organisation)
                message = records.number_taken(label_text, number, state.by_pk[owner].full_name)
            else:
                message = f"Row {in_file[0]} gives {ao_code} number {number} to a different learner."
            errors.append(RowError(line.row, line.number_where, message, number))
            continue
        held = state.numbers.get((learner_pk, ao_id)) if learner_pk else None
        if held is None:
            payload.new_numbers.append((learner, ao_id, number))
            changed = True
        elif held.number != number:
            payload.changed_numbers.append((held, number))
            changed = True
    return changed


def write_learners(centre: Centre, plan: Plan, actor_id: int | None) -> None:
    """Apply a plan. Call inside transaction.atomic(): any failure leaves nothing written."""
    payload: LearnerPayload = plan.payload
    now = timezone.now()
    new_learners = [learner for learner, _ in payload.new]
    Learner.objects.bulk_create(new_learners, batch_size=BATCH)
    bulk_log(
        [(learner, {f: [None, getattr(learner, f)] for f in LEARNER_FIELDS}) for learner in new_learners],
        created=True,
        actor_id=actor_id,
    )
    if payload.changed:
        fields = sorted({name for _, changes in payload.changed for name in changes})
        for learner, changes in payload.changed:
            for name, (_old, new) in changes.items():
                setattr(learner, name, new)
            learner.updated_at = now
        Learner.objects.bulk_update([learner for learner, _ in payload.changed], [*fields, "updated_at"], BATCH)
        bulk_log(
            [(learner, {k: list(v) for k, v in changes.items()}) for learner, changes in payload.changed],
            created=False,
            actor_id=actor_id,
        )
    enrolments = [
        Enrolment(
            centre=centre,
            learner=learner,
            qualification=line.qualification,
            academic_year=line.academic_year,
            start_date=line.start_date,
        )
        for learner, line in payload.new_enrolments
    ]
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
    bulk_log(
        [
            (e, {"qualification": [None, e.qualification_id], "academic_year": [None, e.academic_year]})
            for e in enrolments
        ],
        created=True,
        actor_id=actor_id,
        describe=_describe_enrolment,
    )
    moved = []
    for enrolment, start in payload.moved_enrolments:
        moved.append((enrolment, {"start_date": [enrolment.start_date, start]}))
        enrolment.start_date = start
    Enrolment.objects.bulk_update([e for e, _ in moved], ["start_date"], BATCH)
    bulk_log(moved, created=False, actor_id=actor_id, describe=_describe_enrolment)
    numbers = [
        LearnerAwardingNumber(centre=centre, learner=learner, awarding_organisation_id=ao_id, number=number)
        for learner, ao_id, number in payload.new_numbers
    ]
    LearnerAwardingNumber.objects.bulk_create(numbers, batch_size=BATCH)
    bulk_log(
        [(n, {"number": [None, n.number]}) for n in numbers], created=True, actor_id=actor_id, describe=_describe_number
    )
    changed_numbers = []
    for held, number in payload.changed_numbers:
        changed_numbers.append((held, {"number": [held.number, number]}))
        held.number = number
    LearnerAwardingNumber.objects.bulk_update([n for n, _ in changed_numbers], ["number"], BATCH)
    bulk_log(changed_numbers, created=False, actor_id=actor_id, describe=_describe_number)


def _describe_enrolment(enrolment: Enrolment) -> str:
    return (
        f"Enrolment of learner {enrolment.learner_id} on qualification {enrolment.qualification_id} "
        f"({enrolment.academic_year})"
    )


def _describe_number(number: LearnerAwardingNumber) -> str:
    return f"Awarding organisation number {number.number}"
