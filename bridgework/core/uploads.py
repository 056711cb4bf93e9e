"""Uploads checked by their bytes, and downloads served only after a permission check.

`validate_upload` trusts neither the file name nor the browser's content type: it sniffs the first bytes
(the `filetype` package) and, for office documents (ZIP or OLE containers), looks inside the container.
A file whose bytes do not match its extension is refused with a message that says so.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

# Extension -> kind. Only these extensions are accepted at all.
EXTENSIONS: dict[str, str] = {
    "pdf": "pdf",
    "jpg": "image",
    "jpeg": "image",
    "png": "image",
    "gif": "image",
    "webp": "image",
    "heic": "image",
    "docx": "office",
    "xlsx": "office",
    "pptx": "office",
    "odt": "office",
    "ods": "office",
    "doc": "office",
    "xls": "office",
    "ppt": "office",
    "mp3": "audio",
    "m4a": "audio",
    "wav": "audio",
    "ogg": "audio",
    "mp4": "video",
    "mov": "video",
    "webm": "video",
}
KIND_NAMES = {
    "pdf": "a PDF",
    "image": "an image",
    "office": "an office document",
    "audio": "an audio file",
    "video": "a video",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The member of an Office Open XML / OpenDocument ZIP that proves which document it is.
ZIP_MEMBERS = {
    "docx": "word/",
    "xlsx": "xl/",
    "pptx": "ppt/",
}


def _head(file: File, size: int = 8192) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _office_matches(file: File, ext: str, head: bytes) -> bool:
    if ext in ("doc", "xls", "ppt"):
        return head.startswith(OLE_MAGIC)
    if not head.startswith(b"PK\x03\x04"):
        return False
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if ext in ("odt", "ods"):
                mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
                return mimetype.endswith("text" if ext == "odt" else "spreadsheet")
            return "[Content_Types].xml" in names and any(n.startswith(ZIP_MEMBERS[ext]) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        file.seek(0)


def _bytes_match(file: File, ext: str, kind: str) -> bool:
    head = _head(file)
    if kind == "office":
        return _office_matches(file, ext, head)
    guessed = filetype.guess(head)
    if guessed is None:
        # filetype does not know WAV-in-RIFF variants or some MP3s without an ID3 tag; nothing else passes.
        return False
    if kind == "pdf":
        return guessed.mime == "application/pdf"
    if kind == "image":
        return guessed.mime.startswith("image/")
    if kind == "audio":
        return guessed.mime.startswith("audio/")
    if kind == "video":
        return guessed.mime.startswith("video/")
    return False


def validate_upload(
    file: File,
    allowed_kinds: Iterable[str] = ("pdf", "image", "office", "audio", "video"),
    max_bytes: int | None = None,
) -> str:
    """Raises ValidationError unless the file is an allowed kind, its bytes match its extension and it is
    small enough. Returns the kind."""
    allowed = set(allowed_kinds)
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    name = getattr(file, "name", "") or ""
    ext = PurePath(name).suffix.lower().lstrip(".")
    kind = EXTENSIONS.get(ext)
    names = [KIND_NAMES[k] for k in sorted(allowed)]
    wanted = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    if kind is None or kind not in allowed:
        raise ValidationError(f"The selected file must be {wanted}.", code="file_type")
    if file.size is not None and file.size > limit:
        raise ValidationError(f"The selected file must be smaller than {limit // (1024 * 1024)} MB.", code="size")
    if not file.size:
        raise ValidationError("The selected file is empty.", code="empty")
    if not _bytes_match(file, ext, kind):
        raise ValidationError(
            f"The selected file is named .{ext} but its contents are not {KIND_NAMES[kind]}.", code="mismatch"
        )
    return kind


def serve_file(request: HttpRequest, field_file: FieldFile, filename: str) -> FileResponse:
    """Serve a stored file as a download. The caller has already checked the person may see it (the
    view's access decorator and a scoped lookup); this only makes sure browsers never render it inline."""
    if not field_file:
        raise Http404("No file")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("File missing") from exc
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
