"""Import a portfolio exported by any Bridgework instance into a learner's portfolio.

Everything is checked before anything is written (ZIP limits against zip bombs, the JSON against the
documented schema, every file's presence, checksum and type by its bytes); then one transaction writes it
all or nothing. Ids in the export are kept, so importing the same ZIP again creates nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jsonschema_rs
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from bridgework.catalogue.models import Unit
from bridgework.learners.models import Enrolment, Learner
from bridgework.portfolio.models import Attachment, JournalEntry, WeeklyUpdate
from bridgework.portfolio.services.access import check_file
from bridgework.portfolio.services.export import load_schema

MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # compressed-to-unpacked: anything beyond is a zip bomb, not a portfolio
MAX_JSON_BYTES = 20 * 1024 * 1024


@dataclass
class ImportResult:
    entries_created: int = 0
    attachments_created: int = 0
    updates_created: int = 0
    skipped: list[str] = field(default_factory=list)


def _open(upload: Any) -> zipfile.ZipFile:
    if upload.size > MAX_ZIP_BYTES:
        raise ValidationError(f"The selected file must be smaller than {MAX_ZIP_BYTES // (1024 * 1024)} MB.")
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError("The selected file must be a portfolio ZIP exported from Bridgework.") from exc
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ValidationError("The ZIP has too many files to be a portfolio.")
    total = 0
    for info in infos:
        if info.filename.startswith("/") or ".." in info.filename.split("/"):
            raise ValidationError(f"The ZIP contains an unsafe path: {info.filename}.")
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ValidationError(f"The ZIP member {info.filename} unpacks to far more than its size: refused.")
    if total > MAX_UNPACKED_BYTES:
        raise ValidationError("The ZIP unpacks to more than a portfolio may hold.")
    return archive


def _document(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        info = archive.getinfo("portfolio.json")
    except KeyError as exc:
        raise ValidationError("The ZIP has no portfolio.json: it is not a Bridgework portfolio export.") from exc
    if info.file_size > MAX_JSON_BYTES:
        raise ValidationError("portfolio.json is too large.")
    try:
        document = json.loads(archive.read(info).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"portfolio.json is not valid JSON: {exc}.") from exc
    errors = [
        f"{'/'.join(str(p) for p in e.instance_path) or '(top)'}: {e.message}"
        for e in jsonschema_rs.validator_for(load_schema()).iter_errors(document)
    ]
    if errors:
        raise ValidationError(["portfolio.json does not match the export format:", *errors[:10]])
    return document


def _files(archive: zipfile.ZipFile, document: dict[str, Any]) -> dict[str, tuple[dict[str, Any], bytes]]:
    """Every attachment's bytes, each checked against its recorded checksum and by its type."""
    found: dict[str, tuple[dict[str, Any], bytes]] = {}
    for entry in document["entries"]:
        for meta in entry["attachments"]:
            try:
                content = archive.read(meta["path"])
            except KeyError as exc:
                raise ValidationError(f"The file {meta['path']} is listed but missing from the ZIP.") from exc
            if hashlib.sha256(content).hexdigest() != meta["sha256"]:
                raise ValidationError(f"The file {meta['path']} does not match its checksum: the ZIP was changed.")
            try:
                check_file(SimpleUploadedFile(meta["name"], content))
            except ValidationError as exc:
                raise ValidationError(f"{meta['path']}: {' '.join(exc.messages)}") from exc
            found[meta["id"]] = (meta, content)
    return found


def _unit_for(learner: Learner, data: dict[str, str] | None) -> Unit | None:
    if data is None:
        return None
    quals = Enrolment.objects.filter(learner=learner).values("qualification_id")
    return Unit.objects.filter(
        qualification_id__in=quals, qualification__title=data["qualification"], number=data["number"]
    ).first()


def import_portfolio(learner: Learner, upload: Any) -> ImportResult:
    archive = _open(upload)
    document = _document(archive)
    files = _files(archive, document)
    entry_ids = {e["id"] for e in document["entries"]}
    for update in document["weekly_updates"]:
        unknown = set(update["entries"]) - entry_ids
        if unknown:
            raise ValidationError(f"The weekly update of {update['week_start']} lists entries that are not in the ZIP.")
    result = ImportResult()
    with transaction.atomic():
        # Lock the learner: two imports of the same ZIP at once must not both create the entries.
        Learner.objects.select_for_update().filter(pk=learner.pk).first()
        existing = {
            str(e.export_id): e for e in JournalEntry.objects.filter(learner=learner).prefetch_related("attachments")
        }
        by_export_id: dict[str, JournalEntry] = dict(existing)
        for data in document["entries"]:
            entry = existing.get(data["id"])
            if entry is None:
                entry = JournalEntry.objects.create(
                    centre_id=learner.centre_id,
                    learner=learner,
                    export_id=uuid.UUID(data["id"]),
                    title=data["title"],
                    happened_on=date.fromisoformat(data["happened_on"]),
                    what_happened=data["what_happened"],
                    reflection=data["reflection"],
                    next_steps=data["next_steps"],
                    shared_with_centre=data["shared_with_centre"],
                    unit=_unit_for(learner, data["unit"]),
                )
                by_export_id[data["id"]] = entry
                result.entries_created += 1
            have = {str(a.export_id) for a in entry.attachments.all()} if data["id"] in existing else set()
            for meta in data["attachments"]:
                if meta["id"] in have:
                    continue
                _, content = files[meta["id"]]
                attachment = Attachment(
                    centre_id=learner.centre_id,
                    entry=entry,
                    export_id=uuid.UUID(meta["id"]),
                    name=meta["name"],
                    content_type=meta["content_type"],
                    size=len(content),
                    sha256=meta["sha256"],
                )
                attachment.file.save(meta["name"], SimpleUploadedFile(meta["name"], content), save=False)
                attachment.save()
                result.attachments_created += 1
        taken = dict(WeeklyUpdate.objects.filter(learner=learner).values_list("week_start", "export_id"))
        for data in document["weekly_updates"]:
            week = date.fromisoformat(data["week_start"])
            if week in taken:
                if str(taken[week]) != data["id"]:
                    result.skipped.append(f"The update for the week of {week:%-d %B %Y}: you already have one.")
                continue
            update = WeeklyUpdate.objects.create(
                centre_id=learner.centre_id,
                learner=learner,
                export_id=uuid.UUID(data["id"]),
                week_start=week,
                note=data["note"],
            )
            update.entries.set([by_export_id[i] for i in data["entries"]])
            result.updates_created += 1
    return result
