"""Portability (seed 002): the learner takes their portfolio with them as a ZIP that opens offline
(`index.html`, one page per entry, every file) with `portfolio.json`, the same content for machines,
described by `docs/portfolio-export.schema.json`."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from bridgework.learners.models import Learner
from bridgework.portfolio.models import ExpertWitnessStatement, Feedback, JournalEntry, WeeklyUpdate

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "portfolio-export.schema.json"


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _unit(unit: Any) -> dict[str, str] | None:
    if unit is None:
        return None
    return {"qualification": unit.qualification.title, "number": unit.number, "title": unit.title}


def attachment_path(attachment: Any) -> str:
    return f"files/{attachment.export_id}/{attachment.name}"


def portfolio_document(learners: list[Learner]) -> tuple[dict[str, Any], list[JournalEntry]]:
    """The JSON document for every learner record of one person (they are one person's portfolio)."""
    entries = list(
        JournalEntry.objects.filter(learner__in=learners)
        .select_related("activity", "unit__qualification")
        .prefetch_related("attachments", Prefetch("feedback", queryset=Feedback.objects.select_related("person")))
        .order_by("happened_on", "id")
    )
    updates = WeeklyUpdate.objects.filter(learner__in=learners).prefetch_related("entries").order_by("week_start")
    statements = (
        ExpertWitnessStatement.objects.filter(learner__in=learners)
        .select_related("unit__qualification")
        .order_by("signed_at")
    )
    first = learners[0]
    document = {
        "format": "bridgework-portfolio",
        "version": 1,
        "exported_at": timezone.now().isoformat(),
        "learner": {"given_name": first.given_name, "family_name": first.family_name, "centre": first.centre.name},
        "entries": [
            {
                "id": str(e.export_id),
                "title": e.title,
                "happened_on": e.happened_on.isoformat(),
                "what_happened": e.what_happened,
                "reflection": e.reflection,
                "next_steps": e.next_steps,
                "shared_with_centre": e.shared_with_centre,
                "activity": e.activity.title if e.activity else None,
                "unit": _unit(e.unit),
                "html": f"entries/{e.export_id}.html",
                "attachments": [
                    {
                        "id": str(a.export_id),
                        "name": a.name,
                        "content_type": a.content_type,
                        "size": a.size,
                        "sha256": a.sha256,
                        "path": attachment_path(a),
                    }
                    for a in e.attachments.all()
                ],
                "feedback": [
                    {"from": f.person.full_name, "text": f.text, "created_at": f.created_at.isoformat()}
                    for f in e.feedback.all()
                ],
            }
            for e in entries
        ],
        "weekly_updates": [
            {
                "id": str(u.export_id),
                "week_start": u.week_start.isoformat(),
                "note": u.note,
                "entries": [str(e.export_id) for e in sorted(u.entries.all(), key=lambda x: (x.happened_on, x.pk))],
            }
            for u in updates
        ],
        "witness_statements": [
            {
                "witness": s.signed_name,
                "unit": _unit(s.unit),
                "observed_on": s.observed_on.isoformat(),
                "role_in_assessment": s.role_in_assessment,
                "what_observed": s.what_observed,
                "credentials": s.credentials,
                "why_suitable": s.why_suitable,
                "signed_name": s.signed_name,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in statements
        ],
    }
    return document, entries


def export_zip(learners: list[Learner]) -> bytes:
    """Build the ZIP in memory: portfolios are small (files are capped per entry and in size)."""
    document, entries = portfolio_document(learners)
    by_id = {e["id"]: e for e in document["entries"]}
    updates = [{**u, "entry_list": [by_id[i] for i in u["entries"]]} for u in document["weekly_updates"]]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("portfolio.json", json.dumps(document, indent=2, ensure_ascii=False))
        archive.writestr(
            "index.html", render_to_string("portfolio/export/index.html", {"doc": document, "updates": updates})
        )
        for entry in entries:
            data = by_id[str(entry.export_id)]
            archive.writestr(data["html"], render_to_string("portfolio/export/entry.html", {"entry": data}))
            for attachment in entry.attachments.all():
                with attachment.file.open("rb") as handle:
                    archive.writestr(attachment_path(attachment), handle.read())
    return buffer.getvalue()
