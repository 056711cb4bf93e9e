"""The declarative part of the import framework: columns that resolve → clean, and the errors they raise.

An import kind declares its columns. For each row, each column *resolves* its raw value through the
mapping (field → column heading), then *cleans* it (may raise ValidationError, seeing the values cleaned
before it). Every row is cleaned and every error collected before anything is written; the kind's planner
then matches rows to existing records, and its writer applies the plan in one short transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from bridgework.imports.readers import Table

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True)
class RowError:
    """One problem, named by its row (as the spreadsheet numbers it; 0 = the whole file) and its column."""

    row: int
    column: str
    message: str
    value: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Headings an MIS export uses for the learner's reference (the ILR's LearnRefNumber), and for the ULN.
MIS_REF_ALIASES = ("mis ref", "learner reference", "learner ref", "LearnRefNumber", "student id", "student number")
ULN_ALIASES = ("unique learner number",)


def normalise_heading(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass
class ImportColumn:
    identifier: str
    verbose_name: str
    required: bool = False  # must be mapped to a column of the file
    aliases: tuple[str, ...] = ()  # headings that map to this field without asking
    help_text: str = ""
    cleaner: Callable[[Any, dict[str, Any]], Any] | None = None
    depends_on: tuple[str, ...] = ()  # not checked when one of these failed: one mistake, one error

    def resolve(self, mapping: dict[str, str], record: dict[str, Any]) -> Any:
        header = mapping.get(self.identifier)
        if not header:
            return None  # not mapped: the field is left alone
        value = record.get(header)
        return value.strip() if isinstance(value, str) else ("" if value is None else value)

    def clean(self, value: Any, previous: dict[str, Any]) -> Any:
        return self.cleaner(value, previous) if self.cleaner else value

    def matches(self, heading: str) -> bool:
        wanted = {normalise_heading(self.verbose_name), normalise_heading(self.identifier)}
        wanted |= {normalise_heading(a) for a in self.aliases}
        return normalise_heading(heading) in wanted

    def label(self, mapping: dict[str, str]) -> str:
        header = mapping.get(self.identifier)
        return (
            f"{self.verbose_name} (column “{header}”)" if header and header != self.verbose_name else self.verbose_name
        )


@dataclass
class CleanRow:
    row: int
    values: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)  # field → how errors name its column


def suggest_mapping(columns: list[ImportColumn], headers: list[str], remembered: dict[str, str]) -> dict[str, str]:
    """The remembered mapping where its headings are still in the file, else headings that match by name."""
    mapping: dict[str, str] = {}
    for column in columns:
        if remembered.get(column.identifier) in headers:
            mapping[column.identifier] = remembered[column.identifier]
            continue
        match = next((h for h in headers if column.matches(h)), None)
        if match:
            mapping[column.identifier] = match
    return mapping


def mapping_problems(columns: list[ImportColumn], mapping: dict[str, str], headers: list[str]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for column in columns:
        header = mapping.get(column.identifier, "")
        if header and header not in headers:
            problems[column.identifier] = f"The file has no column headed “{header}”."
        elif column.required and not header:
            problems[column.identifier] = f"Choose the column that holds the {column.verbose_name.lower()}."
    return problems


def clean_table(
    columns: list[ImportColumn],
    mapping: dict[str, str],
    table: Table,
    progress: ProgressCallback | None = None,
) -> tuple[list[CleanRow], list[RowError]]:
    rows: list[CleanRow] = []
    errors: list[RowError] = []
    labels = {c.identifier: c.label(mapping) for c in columns}
    total = max(len(table.rows), 1)
    for index, (number, record) in enumerate(table.rows):
        values: dict[str, Any] = {}
        failed: set[str] = set()
        for column in columns:
            if failed.intersection(column.depends_on):
                values[column.identifier] = None
                continue
            raw = column.resolve(mapping, record)
            try:
                values[column.identifier] = column.clean(raw, values)
            except ValidationError as exc:
                failed.add(column.identifier)
                values[column.identifier] = None
                errors.append(RowError(number, labels[column.identifier], exc.messages[0], _shown(raw)))
        if not failed:
            rows.append(CleanRow(number, values, labels))
        if progress and index % 500 == 0:
            progress(int(100 * index / total))
    return rows, errors


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"
