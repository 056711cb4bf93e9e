"""core.uploads: files are judged by their bytes, not their names."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bridgework.core.uploads import validate_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_it_accepts_files_whose_bytes_match_their_names() -> None:
    assert validate_upload(SimpleUploadedFile("cert.pdf", PDF)).kind == "pdf"
    assert validate_upload(SimpleUploadedFile("photo.PNG", PNG)).kind == "image"
    docx = _docx({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert validate_upload(SimpleUploadedFile("plan.docx", docx)).kind == "office"


def test_it_refuses_a_file_that_is_not_what_its_name_claims() -> None:
    with pytest.raises(ValidationError, match=r"named \.pdf but its contents are not a PDF"):
        validate_upload(SimpleUploadedFile("cert.pdf", PNG))
    with pytest.raises(ValidationError, match="not an office document"):
        validate_upload(SimpleUploadedFile("plan.docx", b"MZ\x90\x00 an executable"))
    # A spreadsheet renamed .docx is a ZIP, but not a Word document.
    xlsx = _docx({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("plan.docx", xlsx))


def test_it_refuses_kinds_not_allowed_here_empty_files_and_big_files() -> None:
    with pytest.raises(ValidationError, match="must be a PDF"):
        validate_upload(SimpleUploadedFile("cert.exe", PDF), allowed_kinds={"pdf"})
    with pytest.raises(ValidationError, match="must be an image or a PDF"):
        validate_upload(SimpleUploadedFile("song.mp3", b"ID3" + b"\x00" * 50), allowed_kinds={"pdf", "image"})
    with pytest.raises(ValidationError, match="empty"):
        validate_upload(SimpleUploadedFile("cert.pdf", b""))
    with pytest.raises(ValidationError, match="smaller than 1 MB"):
        validate_upload(SimpleUploadedFile("cert.pdf", PDF + b"0" * 1024 * 1024), max_bytes=1024 * 1024)
