"""The submission pack: one ZIP per submitted round with manifest.json (SHA-256 and size of every file),
the planner as XLSX, the learner claims as CSV, an attendance record PDF per activity, the sampled
evidence and the signed declaration. What a moderator archives or opens offline."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from bridgework.core.exports import ExportTable, csv_bytes
from bridgework.core.pdf import render_pdf
from bridgework.moderation.models import PackState, SubmissionPack, SubmissionRound
from bridgework.moderation.services import sources
from bridgework.moderation.services.events import TransitionError, log_event


def request_pack(*, round_: SubmissionRound, actor: Any) -> SubmissionPack:
    """Queue a pack build after the transaction commits (the task gets primary keys only)."""
    from bridgework.moderation.tasks import build_pack_task

    pack = new_pack(round_=round_, actor=actor)
    transaction.on_commit(lambda: build_pack_task.enqueue(pack_id=pack.pk, centre_id=pack.centre_id))
    return pack


def new_pack(*, round_: SubmissionRound, actor: Any) -> SubmissionPack:
    """Record a requested pack, not yet built: `request_pack` queues its build, the demo builds it at once."""
    if round_.submitted_at is None:
        raise TransitionError("A pack can be built only for a submitted round.")
    pack = SubmissionPack.objects.create(centre_id=round_.centre_id, round=round_, requested_by=actor)
    log_event(
        round_.submission,
        actor,
        "pack_requested",
        round_.submission.state,
        round_.submission.state,
        f"Round {round_.number}",
    )
    return pack


def build_pack(pack_id: int) -> SubmissionPack:
    """Build and store the ZIP; call inside the pack's centre scope."""
    pack = SubmissionPack.objects.select_related(
        "round__submission__qualification__awarding_organisation", "round__submission__centre"
    ).get(pk=pack_id)
    try:
        content = pack_bytes(pack.round)
    except Exception as error:
        pack.state = PackState.FAILED
        pack.error = str(error)[:1000]
        pack.save(update_fields=["state", "error"])
        raise
    submission = pack.round.submission
    year = submission.academic_year.replace("/", "-")
    reference = slugify(submission.qualification.reference)
    name = f"{submission.centre.number}-{reference}-{year}-round{pack.round.number}.zip"
    pack.file.save(name, ContentFile(content), save=False)
    pack.size = len(content)
    pack.sha256 = hashlib.sha256(content).hexdigest()
    pack.state = PackState.READY
    pack.built_at = timezone.now()
    pack.save(update_fields=["file", "size", "sha256", "state", "built_at"])
    return pack


def pack_bytes(round_: SubmissionRound) -> bytes:
    submission = round_.submission
    files: list[tuple[str, bytes, str]] = []
    files.append(("planner.xlsx", sources.planner_xlsx(submission, round_), "The completed planner and tracker"))
    files.append(("learner-claims.csv", _claims_csv(round_), "Per-learner claims, engine status and verdicts"))
    activities = list(sources.submission_activities(submission).order_by("pk"))
    sample = getattr(round_, "sample", None)
    sampled = set(sample.chosen_ids) if sample else set()
    citations: dict[int, list] = {}
    for citation in sources.sampled_citations(round_):
        citations.setdefault(citation.activity_id, []).append(citation)
    for activity in activities:
        path = f"attendance/{activity.pk}-{slugify(activity.title)[:50]}.pdf"
        files.append((path, sources.attendance_pdf(activity), f"Attendance record: {activity.title}"))
        if activity.pk in sampled:
            for name, data in sources.activity_evidence_files(activity):
                files.append((f"sample/{activity.pk}/{name}", data, f"Sampled evidence: {activity.title}"))
            for citation in citations.get(activity.pk, []):
                for name, data in sources.cited_entry_files(citation):
                    described = f"Journal entry cited as evidence: {activity.title}"
                    files.append((f"sample/{activity.pk}/{name}", data, described))
    declaration = getattr(round_, "declaration", None)
    if declaration is not None:
        files.append(("declaration.pdf", _declaration_pdf(round_), f"Declaration signed by {declaration.typed_name}"))
    manifest = {
        "centre": {"number": submission.centre.number, "name": submission.centre.name},
        "qualification": {
            "title": submission.qualification.title,
            "reference": submission.qualification.reference,
            "awarding_organisation": submission.qualification.awarding_organisation.code,
        },
        "academic_year": submission.academic_year,
        "round": round_.number,
        "submitted_at": round_.submitted_at.isoformat() if round_.submitted_at else None,
        "sample": {"seed": sample.seed, "rule": sample.rule, "chosen": sample.chosen, "population": sample.population}
        if sample
        else None,
        "generated_at": timezone.now().isoformat(),
        "files": [
            {
                "path": path,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "description": description,
                **(
                    {"sampled": True}
                    if path.startswith("attendance/") and int(path.split("/")[1].split("-")[0]) in sampled
                    else {}
                ),
            }
            for path, data, description in files
        ],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        for path, data, _ in files:
            archive.writestr(path, data)
    return out.getvalue()


def _claims_csv(round_: SubmissionRound) -> bytes:
    """Per-learner claims, through core.exports (formula-like cells neutralised)."""
    claims = round_.claims.select_related("enrolment__learner").order_by(
        "enrolment__learner__family_name", "enrolment__learner__given_name", "pk"
    )
    return csv_bytes(
        ExportTable(
            name="Learner claims",
            headers=[
                "Learner",
                "ULN",
                "MIS reference",
                "Engine status",
                "Engine reasons",
                "Claimed met",
                "Disagreement reason",
                "Verdict",
                "Verdict note",
            ],
            rows=(
                [
                    c.enrolment.learner.full_name,
                    c.enrolment.learner.uln,
                    c.enrolment.learner.mis_ref,
                    c.engine_status,
                    " ".join(c.engine_reasons),
                    c.claim_met,
                    c.disagreement_reason,
                    c.get_verdict_display() if c.verdict else "",
                    c.verdict_note,
                ]
                for c in claims
            ),
        )
    )


def _declaration_pdf(round_: SubmissionRound) -> bytes:
    return render_pdf(
        "moderation/pdf/declaration.html",
        {"round": round_, "declaration": round_.declaration, "submission": round_.submission},
    )
