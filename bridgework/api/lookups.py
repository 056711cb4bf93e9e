"""Finding the objects an operation names, inside the token's centre scope: another centre's object is simply
not found, and answers 404 like one that does not exist."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Model, QuerySet
from ninja.errors import HttpError

M = TypeVar("M", bound=Model)


def clean_text(value: str) -> str:
    """A filter's text: NUL cannot be stored or searched in PostgreSQL text, and no legitimate filter has one."""
    return value.replace("\x00", "").strip()


def get_or_404(queryset: QuerySet[M], pk: int, what: str) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise HttpError(404, f"There is no {what} with id {pk} at this centre.")
    return found


def all_or_404(queryset: QuerySet[M], pks: Iterable[int], what: str) -> dict[int, M]:
    """Every one of `pks`, by id, in one query; the first missing one answers 404."""
    wanted = set(pks)
    found = queryset.in_bulk(wanted) if wanted else {}
    missing = sorted(wanted - set(found))
    if missing:
        raise HttpError(404, f"There is no {what} with id {missing[0]} at this centre.")
    return found
