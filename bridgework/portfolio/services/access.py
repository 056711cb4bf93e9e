"""What the portfolio needs from other domains, in one place: whether data sharing is in force between a
learner and an employer person (the tripartite agreement, employers domain) and the byte-checked upload
and permission-checked download of files (core.uploads).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.text import get_valid_filename

from bridgework.employers.services.agreements import agreements_in_force

Pair = tuple[int, int]  # (learner id, employer person id)


def sharing_pairs_in_force(person_ids: Iterable[int], at: datetime) -> set[Pair]:
    """Every (learner, person) pair, for these people, for which data sharing is in force at `at`: a signed
    tripartite agreement with consent standing whose employer contact is the person (agreements_in_force is
    the one rule). One query whatever the number of learners (list pages build their filters from it)."""
    person_ids = list(person_ids)
    if not person_ids:
        return set()
    return set(
        agreements_in_force(at)
        .filter(employer_contact_id__in=person_ids)
        .values_list("learner_id", "employer_contact_id")
    )


# --- files -------------------------------------------------------------------------------------------------

ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": ("pdf",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
    "audio/mpeg": ("mp3",),
    "video/mp4": ("mp4",),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def check_file(file, max_bytes: int | None = None) -> CheckedFile:  # type: ignore[no-untyped-def]
    """Refuse anything whose bytes are not an allowed type, or that is empty, too big or misnamed."""
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    name = PurePath(file.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not file.size:
        raise ValidationError("The selected file is empty.")
    if file.size > limit:
        raise ValidationError(f"The selected file must be smaller than {max(limit // (1024 * 1024), 1)} MB.")
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    accepted = ", ".join(sorted({e.upper() for exts in ALLOWED_TYPES.values() for e in exts}))
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(f"The selected file must be a {accepted}.")
    if extension not in ALLOWED_TYPES[kind.mime]:
        raise ValidationError(f"The selected file is named .{extension or '(none)'} but its contents are not.")
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    stem = get_valid_filename(os.path.splitext(name)[0])[:100] or "file"
    return CheckedFile(f"{stem}.{extension}", kind.mime, file.size, digest.hexdigest())


def serve_attachment(attachment) -> FileResponse:  # type: ignore[no-untyped-def]
    """Stream a stored attachment as a download. The caller has checked who may see it."""
    attachment.file.open("rb")
    response = FileResponse(
        attachment.file, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
