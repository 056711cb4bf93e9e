"""Storing an uploaded moderation file after its bytes are checked."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile

from bridgework.moderation.models import ModerationFile
from bridgework.moderation.services.sources import check_upload


def store_file(
    *, centre_id: int, upload: UploadedFile, actor: Any, description: str = "", **links: Any
) -> ModerationFile:
    checked = check_upload(upload)  # raises ValidationError before anything is written
    record = ModerationFile(
        centre_id=centre_id,
        description=description[:200],
        original_name=checked.safe_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
        **links,
    )
    record.file.save(checked.safe_name, upload, save=False)
    record.save()
    return record
