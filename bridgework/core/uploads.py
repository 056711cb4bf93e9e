"""Uploaded files: checked by their bytes (never by their name or the browser's word), size-limited, and
served back only through a permission-checked download as an attachment that browsers must not sniff.

One module for every upload (evidence, employer certificates, agreements, portfolio attachments).
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename

# What each kind of upload may be: MIME type → the extensions a file of that type may be named with.
KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "pdf": {"application/pdf": ("pdf",)},
    "image": {
        "image/jpeg": ("jpg", "jpeg"),
        "image/png": ("png",),
        "image/gif": ("gif",),
        "image/webp": ("webp",),
        "image/heic": ("heic",),
    },
    "office": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
        "application/vnd.oasis.opendocument.text": ("odt",),
        "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
        "application/msword": ("doc", "xls", "ppt"),  # OLE compound files: the bytes do not say which
    },
    "audio": {"audio/mpeg": ("mp3",), "audio/x-wav": ("wav",), "audio/mp4": ("m4a",), "audio/ogg": ("ogg",)},
    "video": {"video/mp4": ("mp4", "m4v"), "video/quicktime": ("mov",), "video/webm": ("webm",)},
}
EVIDENCE_KINDS = ("pdf", "image", "office", "audio", "video")
KIND_NAMES = {
    "pdf": "a PDF",
    "image": "an image",
    "office": "an office document",
    "audio": "an audio file",
    "video": "a video",
}


def _wanted(kinds: set[str]) -> str:
    names = [KIND_NAMES[k] for k in sorted(kinds)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OOXML_PARTS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@dataclass(frozen=True)
class CheckedUpload:
    kind: str  # pdf, image, office, audio or video
    content_type: str
    extension: str
    size: int
    safe_name: str
    sha256: str  # of the bytes as uploaded: kept with the file so packs and exports can prove integrity


def _sniff(head: bytes, file: UploadedFile) -> str | None:
    """The MIME type the bytes say. Office documents are ZIP (OOXML, ODF) or OLE containers: look inside."""
    if head.startswith(_OLE_MAGIC):
        return "application/msword"
    if head.startswith(b"PK\x03\x04"):
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    declared = archive.read("mimetype").decode("ascii", "replace").strip()
                    if declared.startswith("application/vnd.oasis.opendocument."):
                        return declared
                for prefix, mime in _OOXML_PARTS.items():
                    if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names):
                        return mime
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        return "application/zip"
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime == "audio/x-m4a":
        return "audio/mp4"
    if kind.mime == "audio/wav":
        return "audio/x-wav"
    return kind.mime


def validate_upload(
    file: UploadedFile, allowed_kinds: Iterable[str] = EVIDENCE_KINDS, max_bytes: int | None = None
) -> CheckedUpload:
    """Raises ValidationError with a message a person can act on; returns what the bytes are."""
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    allowed_set = set(allowed_kinds)
    allowed: dict[str, tuple[str, ...]] = {}
    for kind in allowed_set:
        allowed.update(KINDS[kind])
    name = PurePath(file.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if file.size is None or file.size == 0:
        raise ValidationError("The selected file is empty.", code="empty")
    if file.size > max_bytes:
        raise ValidationError(
            f"The selected file must be smaller than {max_bytes // (1024 * 1024) or 1} MB.", code="too_large"
        )
    extension_kind = next(
        (k for k in KINDS if k in allowed_set and any(extension in e for e in KINDS[k].values())), None
    )
    if extension_kind is None:
        raise ValidationError(f"The selected file must be {_wanted(allowed_set)}.", code="type")
    file.seek(0)
    head = file.read(8192)
    mime = _sniff(head, file)
    file.seek(0)
    if mime is None or mime not in allowed or extension not in allowed[mime]:
        raise ValidationError(
            f"The selected file is named .{extension} but its contents are not {KIND_NAMES[extension_kind]}. "
            "Choose the right file, or save it in that format again.",
            code="name_mismatch",
        )
    stem = get_valid_filename(os.path.splitext(name)[0])[:100] or "file"
    kind = next(k for k, types in KINDS.items() if mime in types)
    return CheckedUpload(
        kind=kind,
        content_type=mime,
        extension=extension,
        size=file.size,
        safe_name=f"{stem}.{extension}",
        sha256=sha256_of(file),
    )


def sha256_of(file: UploadedFile) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def serve_file(field_file, download_name: str, content_type: str | None = None) -> FileResponse:  # type: ignore[no-untyped-def]
    """Stream a stored file as an attachment. Call only after the view has checked who may see it."""
    if not field_file:
        raise Http404("No file")
    try:
        field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("File missing") from exc
    response = FileResponse(field_file, as_attachment=True, filename=download_name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def bytes_upload(content: bytes, name: str, content_type: str = "application/octet-stream") -> UploadedFile:
    """An in-memory upload (demo data, generated files) that goes through the same checks."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content, content_type=content_type)
    upload.file = io.BytesIO(content)
    return upload
