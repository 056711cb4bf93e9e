"""The submission pack: built by the task, its manifest's checksums match its files."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from bridgework.moderation.models import PackState
from bridgework.moderation.services import pack as packs
from bridgework.moderation.services import sources
from bridgework.moderation.services import submissions as subs
from bridgework.moderation.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(world):  # type: ignore[no-untyped-def]
    f.activity(world.a, world.qualification, title='=HYPERLINK("http://x")', kind="guest_lecture")
    f.activity(world.a, world.qualification, title="Placement at Acme", kind="work_placement")
    sub = f.submission(world.a, world.qualification, "submitted")
    with scopes_disabled():
        round_ = sub.rounds.get()
        round_.planner_snapshot = sources.planner_rows(world.a.centre.pk, world.qualification.pk, "2025/26")
        round_.save()
        subs.draw_sample(submission_id=sub.pk, actor=world.moderator, seed=5)
    return sub


def test_the_pack_manifest_lists_every_file_with_matching_checksums(
    world, submitted, django_capture_on_commit_callbacks
) -> None:
    with scopes_disabled():
        with django_capture_on_commit_callbacks(execute=True):
            pack = packs.request_pack(round_=submitted.rounds.get(), actor=world.moderator)
        pack.refresh_from_db()
        assert pack.state == PackState.READY, pack.error
        data = pack.file.read()
    assert hashlib.sha256(data).hexdigest() == pack.sha256 and len(data) == pack.size
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(archive.namelist()) - {"manifest.json"}
    for path, entry in listed.items():
        content = archive.read(path)
        assert hashlib.sha256(content).hexdigest() == entry["sha256"], path
        assert len(content) == entry["size"], path
    assert {"planner.xlsx", "learner-claims.csv", "declaration.pdf"} <= set(listed)
    pdfs = [p for p in listed if p.startswith("attendance/")]
    assert len(pdfs) == 2 and all(archive.read(p).startswith(b"%PDF") for p in pdfs)
    assert manifest["sample"]["seed"] == 5
    assert sum(1 for e in manifest["files"] if e.get("sampled")) == 2  # fewer than the minimum: all sampled


def test_the_sampled_activities_evidence_files_are_in_the_pack(world, submitted) -> None:
    from bridgework.activities.models import Activity
    from bridgework.activities.services.evidence import store_evidence
    from bridgework.core.uploads import bytes_upload

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    with scopes_disabled():
        placement = Activity.objects.get(centre=world.a.centre, title="Placement at Acme")
        kept = store_evidence(
            bytes_upload(pdf, "Employer letter.pdf"), kind="other", by=world.a.staff, activity=placement
        )
        content = packs.pack_bytes(submitted.rounds.get())
    archive = zipfile.ZipFile(io.BytesIO(content))
    path = f"sample/{placement.pk}/{kept.pk}-Employer_letter.pdf"
    assert archive.read(path) == pdf
    listed = {e["path"]: e for e in json.loads(archive.read("manifest.json"))["files"]}
    assert listed[path]["sha256"] == hashlib.sha256(pdf).hexdigest()


def test_the_planner_workbook_neutralises_formulas(world, submitted) -> None:
    with scopes_disabled():
        content = packs.pack_bytes(submitted.rounds.get())
    workbook = load_workbook(io.BytesIO(zipfile.ZipFile(io.BytesIO(content)).read("planner.xlsx")))
    cells = [row[1] for row in workbook.active.iter_rows(min_row=2)]
    formula = next(cell for cell in cells if str(cell.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s" and formula.quotePrefix  # kept as text, never a live formula


def test_a_draft_round_has_no_pack(world) -> None:
    sub = f.submission(world.a, world.qualification)
    with scopes_disabled(), pytest.raises(Exception, match="submitted round"):
        packs.request_pack(round_=sub.rounds.get(), actor=world.a.staff)


def test_journal_entries_cited_for_the_sample_are_in_the_pack_with_their_files(world) -> None:
    sub, citation = f.sampled_citation(world.a, world.qualification)
    with scopes_disabled():
        content = packs.pack_bytes(sub.rounds.get())
        photo = citation.entry.attachments.get()
    archive = zipfile.ZipFile(io.BytesIO(content))
    folder = f"sample/{citation.activity_id}/journal-{citation.entry_id}"
    assert archive.read(f"{folder}.pdf").startswith(b"%PDF")
    assert hashlib.sha256(archive.read(f"{folder}-{photo.pk}-{photo.name}")).hexdigest() == photo.sha256
