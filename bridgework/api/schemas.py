"""Schemas shared by every endpoint: the error body and the documented error responses."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, Field

from bridgework.api.pagination import MAX_ID


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    errors: list[dict[str, Any]] | None = None


ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 400: ErrorOut, 409: ErrorOut}  # 400: a body that is not JSON


def _text(value: str, *, allowed: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("Enter some text: it cannot be blank.")
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        raise ValueError("Remove the control character from this text.")  # NUL cannot be stored in PostgreSQL
    return value


# Text a person reads: trimmed, never blank, no control characters; Prose may have line breaks and tabs.
Line = Annotated[str, AfterValidator(lambda value: _text(value, allowed=""))]
Prose = Annotated[str, AfterValidator(lambda value: _text(value, allowed="\n\r\t"))]
# An object id inside a list body: bounded like every id in a path or field (a huge one is a 422, not a 500).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
