"""Schemas shared by every endpoint: the error body and the documented error responses."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    errors: list[dict[str, Any]] | None = None


ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 400: ErrorOut, 409: ErrorOut}  # 400: a body that is not JSON
