"""Audit entries for rows written in bulk (bulk_create/bulk_update send no signals, so auditlog sees nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models


def bulk_log(
    instances_and_changes: list[tuple[models.Model, dict[str, list[Any]]]],
    *,
    created: bool,
    actor_id: int | None,
    describe: Callable[[Any], str] = str,
) -> None:
    """`describe` names each object without queries (str() of some models follows foreign keys)."""
    from auditlog.models import LogEntry

    if not instances_and_changes:
        return
    content_type = ContentType.objects.get_for_model(type(instances_and_changes[0][0]))
    action = LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=describe(obj),
                action=action,
                changes={k: [str(old), str(new)] for k, (old, new) in changes.items()},
                actor_id=actor_id,
                additional_data={"source": "import"},
            )
            for obj, changes in instances_and_changes
        ],
        batch_size=500,
    )
