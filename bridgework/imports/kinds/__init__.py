"""Import kinds plug into the framework here: each registers an Importer under its ImportKind value.

A kind either declares `columns` (a spreadsheet, mapped by the user) or parses a fixed format itself
(`needs_mapping = False`, e.g. ILR XML). Both produce cleaned rows, then `plan` (every check, nothing
written) and `write` (inside the caller's transaction). A plan's warnings are shown in the preview but,
unlike its errors, do not stop the import.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from bridgework.imports.columns import CleanRow, ImportColumn, ProgressCallback, RowError
from bridgework.people.models import Centre


@dataclass
class Plan:
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    summary: dict[str, int] = field(default_factory=dict)
    payload: Any = None  # what `write` needs; the kind's own shape


class Importer(ABC):
    kind: str
    formats: tuple[str, ...] = ("csv", "xlsx")
    needs_mapping: bool = True
    record_name: str = "record"  # "learner": what created/updated/unchanged count
    mapping_hint: str = ""  # shown on the column-matching page: how rows are matched to records
    result_link: tuple[str, str] = ("staff:learner_list", "See the learners")  # URL name, link text

    def summary_lines(self, summary: dict[str, int], done: bool) -> list[str]:
        """Sentences about the plan beyond created/updated/unchanged, for the preview and the result."""
        return []

    def warnings_intro(self, state: str) -> str:
        """What the preview says above this kind's warnings (they never stop an import), by the job's state."""
        return "These rows need a look. They do not stop the import."

    def columns(self, centre: Centre) -> list[ImportColumn]:
        return []

    def check_mapping(self, mapping: dict[str, str]) -> dict[str, str]:
        """Rules about the mapping as a whole (field → message), beyond each column's `required`."""
        return {}

    def parse(self, data: bytes, file_format: str) -> tuple[list[CleanRow], list[RowError], int]:
        """Fixed-format kinds only: cleaned rows, errors and the number of records in the file."""
        raise NotImplementedError

    @abstractmethod
    def plan(self, centre: Centre, rows: list[CleanRow], progress: ProgressCallback | None = None) -> Plan: ...

    @abstractmethod
    def write(self, centre: Centre, plan: Plan, actor_id: int | None) -> None: ...


IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    IMPORTERS[importer.kind] = importer
    return importer


def importer_for(kind: str) -> Importer:
    from bridgework.imports.kinds import employers, ilr, learners, registers  # noqa: F401  (the built-in kinds)

    return IMPORTERS[kind]
