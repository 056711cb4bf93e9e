"""Portability: the export ZIP opens offline (links resolve, JSON matches the documented schema) and
re-imports into another learner's portfolio with equal content, idempotently, all or nothing."""

from __future__ import annotations

import io
import json
import re
import zipfile
from posixpath import dirname, normpath
from urllib.parse import unquote

import jsonschema_rs
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.portfolio.models import Attachment, JournalEntry, WeeklyUpdate
from bridgework.portfolio.services.export import export_zip, load_schema
from bridgework.portfolio.services.importer import import_portfolio

pytestmark = pytest.mark.django_db


def _download(world) -> bytes:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.a.learner_user)
    response = client.get(reverse("learner:portfolio_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return response.content


def _upload(content: bytes, name: str = "portfolio.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/zip")


def test_the_export_opens_offline_every_link_resolves_and_the_json_matches_the_schema(world, setup_a) -> None:
    archive = zipfile.ZipFile(io.BytesIO(_download(world)))
    names = set(archive.namelist())
    assert {"index.html", "portfolio.json"} <= names
    document = json.loads(archive.read("portfolio.json"))
    jsonschema_rs.validator_for(load_schema()).validate(document)
    assert [e["title"] for e in document["entries"]] == [setup_a.entry.title]
    assert document["entries"][0]["attachments"][0]["path"] in names
    pages = [n for n in names if n.endswith(".html")]
    assert len(pages) == 1 + len(document["entries"])
    for page in pages:
        html = archive.read(page).decode()
        for href in re.findall(r'href="([^"]+)"', html):
            assert not href.startswith(("http:", "https:", "/")), f"{page} links outside the ZIP: {href}"
            target = normpath(f"{dirname(page)}/{unquote(href)}" if dirname(page) else unquote(href))
            assert target in names, f"{page}: {href} does not resolve"
    attachment = document["entries"][0]["attachments"][0]
    assert archive.read(attachment["path"]) == setup_a.attachment.file.open("rb").read()


def _content(learner) -> dict:  # type: ignore[no-untyped-def]
    entries = JournalEntry.objects.filter(learner=learner).order_by("export_id")
    return {
        "entries": [
            (
                str(e.export_id),
                e.title,
                e.happened_on,
                e.what_happened,
                e.reflection,
                e.next_steps,
                e.shared_with_centre,
                e.unit_id,
                sorted((str(a.export_id), a.name, a.sha256, a.file.open("rb").read()) for a in e.attachments.all()),
            )
            for e in entries
        ],
        "updates": [
            (str(u.export_id), u.week_start, u.note, sorted(str(e.export_id) for e in u.entries.all()))
            for u in WeeklyUpdate.objects.filter(learner=learner)
        ],
    }


def test_it_reimports_into_another_learners_portfolio_with_equal_content_and_only_once(world, setup_a) -> None:
    content = _download(world)
    with scopes_disabled():
        first = import_portfolio(world.b.learner, _upload(content))
        assert (first.entries_created, first.attachments_created, first.updates_created) == (1, 1, 1)
        assert _content(world.b.learner) == _content(world.a.learner)
        again = import_portfolio(world.b.learner, _upload(content))
        assert (again.entries_created, again.attachments_created, again.updates_created) == (0, 0, 0)
        assert JournalEntry.objects.filter(learner=world.b.learner).count() == 1
        assert not JournalEntry.objects.get(learner=world.b.learner).shares.exists()  # importing shares nothing


def test_the_learner_imports_through_the_page(world, setup_a) -> None:
    content = _download(world)
    with scopes_disabled():
        WeeklyUpdate.objects.filter(learner=world.a.learner).delete()
        JournalEntry.objects.filter(learner=world.a.learner).delete()
    client = Client()
    client.force_login(world.a.learner_user)
    response = client.post(reverse("learner:portfolio_import"), {"file": _upload(content)}, follow=True)
    assert response.status_code == 200
    assert "Imported 1 entries, 1 files and 1 weekly updates" in response.content.decode()


def _rezip(content: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        files = {n: source.read(n) for n in source.namelist()}
        change(files)
        for name, data in files.items():
            target.writestr(name, data)
    return out.getvalue()


def _tamper_json(files: dict) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(files["portfolio.json"])
    doc["entries"][0]["title"] = ""
    files["portfolio.json"] = json.dumps(doc).encode()


def _tamper_file(files: dict) -> None:  # type: ignore[no-untyped-def]
    for name in files:
        if name.startswith("files/"):
            files[name] = files[name] + b"x"


def _fake_png(files: dict) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    doc = json.loads(files["portfolio.json"])
    meta = doc["entries"][0]["attachments"][0]
    payload = b"#!/bin/sh\necho not a picture\n"
    files[meta["path"]] = payload
    meta["sha256"], meta["size"] = hashlib.sha256(payload).hexdigest(), len(payload)
    files["portfolio.json"] = json.dumps(doc).encode()


def _drop_json(files: dict) -> None:  # type: ignore[no-untyped-def]
    del files["portfolio.json"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_tamper_json, "does not match the export format"),
        (_tamper_file, "does not match its checksum"),
        (_fake_png, "contents are not an image"),
        (_drop_json, "no portfolio.json"),
    ],
)
def test_it_refuses_a_damaged_export_and_writes_nothing(world, setup_a, change, message) -> None:  # type: ignore[no-untyped-def]
    content = _rezip(_download(world), change)
    with scopes_disabled():
        with pytest.raises(ValidationError, match=message):
            import_portfolio(world.b.learner, _upload(content))
        assert not JournalEntry.objects.filter(learner=world.b.learner).exists()
        assert not Attachment.objects.filter(entry__learner=world.b.learner).exists()


def test_it_refuses_a_zip_bomb_and_a_file_that_is_not_a_zip(world) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("portfolio.json", b"0" * (20 * 1024 * 1024))
    with scopes_disabled():
        with pytest.raises(ValidationError, match="unpacks to far more"):
            import_portfolio(world.b.learner, _upload(bomb.getvalue()))
        with pytest.raises(ValidationError, match="portfolio ZIP"):
            import_portfolio(world.b.learner, _upload(b"%PDF-1.4 not a zip"))


def test_it_refuses_paths_that_climb_out_of_the_zip(world) -> None:
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../etc/passwd", b"x")
    with scopes_disabled(), pytest.raises(ValidationError, match="unsafe path"):
        import_portfolio(world.b.learner, _upload(evil.getvalue()))


def test_export_zip_covers_every_learner_record_of_the_person(world, setup_a) -> None:
    with scopes_disabled():
        content = export_zip([world.a.learner])
    doc = json.loads(zipfile.ZipFile(io.BytesIO(content)).read("portfolio.json"))
    assert doc["learner"] == {"given_name": "Lee", "family_name": "Alphason", "centre": "Alpha College"}
    assert "date_of_birth" not in json.dumps(doc) and world.a.learner.mis_ref not in json.dumps(doc)
    assert len(doc["witness_statements"]) == 1
