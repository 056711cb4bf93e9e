"""Audit: every change to a domain model is recorded (who, when, what changed) by django-auditlog."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models


def register_audited(
    *model_classes: type[models.Model], exclude: tuple[str, ...] = (), m2m_fields: set[str] | None = None
) -> None:
    from auditlog.registry import auditlog

    for model in model_classes:
        auditlog.register(model, exclude_fields=list(exclude), m2m_fields=m2m_fields or set())


def history_for(obj: models.Model, limit: int = 50):  # type: ignore[no-untyped-def]
    """The audit entries for one object, newest first, with their actors."""
    from auditlog.models import LogEntry

    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")[:limit]


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Audit entries written inside are by `user` (background work has no request to name its actor).

    auditlog's set_actor leaves its own context in place when it ends; an outer context (the request's,
    when a task runs immediately inside it) is put back so its later entries keep their actor."""
    from auditlog.context import auditlog_value, set_actor

    outer = auditlog_value.get(None)
    try:
        with set_actor(user):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)
