"""Evidence: the checklist per activity type, byte-checked uploads and the permission-checked download."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scopes_disabled

from bridgework.activities.models import EvidenceFile
from bridgework.activities.services.evidence import checklist, store_evidence
from bridgework.activities.types import ActivityType
from bridgework.core.uploads import validate_upload
from tests.planner_factories import TINY_PDF, make_activity, make_employer, make_practitioner

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "additional"),
    [
        (ActivityType.WORK_PLACEMENT, {"employer_contact", "dates", "learner_workbook"}),
        (ActivityType.PRACTICAL_ACTIVITY, {"employer_contact", "activity_details"}),
        (
            ActivityType.FORMATIVE_ASSESSMENT,
            {"employer_contact", "task_description", "awarding_body_confirmation"},
        ),
        (ActivityType.GUEST_LECTURE, {"employer_contact", "lecture_subject"}),
        (ActivityType.MASTER_CLASS, {"employer_contact", "master_class_details"}),
        (
            ActivityType.EXPERT_WITNESS,
            {"employer_contact", "role_in_assessment", "record_of_involvement", "why_suitable"},
        ),
    ],
)
def test_the_checklist_follows_the_activity_type(world: Any, kind: str, additional: set[str]) -> None:
    with scopes_disabled():
        items = checklist(make_activity(world, world.a, type=kind)).items
    assert {i.kind for i in items if i.required} == {"attendance_record"}
    assert {i.kind for i in items if not i.required} == additional


def test_ineligible_kinds_have_no_checklist(world: Any) -> None:
    with scopes_disabled():
        result = checklist(make_activity(world, world.a, type=ActivityType.CAREERS_FAIR))
    assert not result.eligible and result.items == []


def test_the_checklist_says_what_is_missing_and_what_is_met(world: Any) -> None:
    with scopes_disabled():
        activity = make_activity(world, world.a, employer=make_employer(world.a))
        activity.practitioners.add(make_practitioner(world.a))
        missing = {i.kind for i in checklist(activity).missing}
        assert missing == {"attendance_record", "lecture_subject"}  # registers empty, no subject yet
        activity.description = "Planned maintenance in a food factory"
        activity.save()
        store_evidence(
            SimpleUploadedFile("register.pdf", TINY_PDF), kind="attendance_record", by=world.a.staff, activity=activity
        )
        assert checklist(activity).missing == []


def test_uploads_are_checked_by_their_bytes() -> None:
    assert validate_upload(SimpleUploadedFile("a.pdf", TINY_PDF), ["pdf"], 10_000).content_type == "application/pdf"
    assert validate_upload(SimpleUploadedFile("b.png", PNG), ["image"], 10_000).extension == "png"
    assert validate_upload(SimpleUploadedFile("c.docx", docx()), ["office"], 10_000).content_type.endswith(
        "wordprocessingml.document"
    )
    with pytest.raises(ValidationError, match=r"named \.pdf but its contents are not a PDF"):
        validate_upload(SimpleUploadedFile("notes.pdf", b"just some text, honestly a PDF"), ["pdf", "image"], 10_000)
    with pytest.raises(ValidationError, match=r"named \.pdf but its contents are not"):
        validate_upload(SimpleUploadedFile("photo.pdf", PNG), ["pdf", "image"], 10_000)
    with pytest.raises(ValidationError, match="smaller than"):
        validate_upload(SimpleUploadedFile("big.pdf", TINY_PDF + b"0" * 2_000_000), ["pdf"], 1_000_000)
    with pytest.raises(ValidationError, match="not an office document"):  # a plain ZIP is not one
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("evil.exe", "MZ")
        validate_upload(SimpleUploadedFile("report.docx", buffer.getvalue()), ["office"], 10_000)


def test_a_bad_upload_saves_nothing_and_says_why(world: Any, staff_client: Client) -> None:
    with scopes_disabled():
        activity = make_activity(world, world.a)
    url = f"/c/{world.a.centre.number}/activities/{activity.pk}/evidence/new/"
    response = staff_client.post(url, {"kind": "other", "file": SimpleUploadedFile("register.pdf", b"MZ not a pdf")})
    assert response.status_code == 400
    assert "The selected file is named .pdf but its contents are not a PDF" in response.content.decode()
    with scopes_disabled():
        assert not EvidenceFile.objects.exists()


def test_upload_then_download_as_an_attachment(world: Any, staff_client: Client, settings: Any) -> None:
    settings.EVIDENCE_MAX_BYTES = 100_000
    with scopes_disabled():
        activity = make_activity(world, world.a)
    url = f"/c/{world.a.centre.number}/activities/{activity.pk}/evidence/new/"
    response = staff_client.post(url, {"kind": "lecture_subject", "file": SimpleUploadedFile("Slides 1.pdf", TINY_PDF)})
    assert response.status_code == 302
    with scopes_disabled():
        evidence = EvidenceFile.objects.get()
    download = staff_client.get(f"/c/{world.a.centre.number}/activities/evidence/{evidence.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == TINY_PDF
    other = Client()
    other.force_login(world.b.staff)
    assert other.get(f"/c/{world.a.centre.number}/activities/evidence/{evidence.pk}/download/").status_code == 404
