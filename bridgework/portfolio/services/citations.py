"""Journal entries cited as evidence for activities, as a moderator sees them: only while the learner still
shares the entry with the college (the learner's choice stands), as a PDF with the entry's files listed."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from bridgework.core.pdf import render_pdf
from bridgework.portfolio.models import Attachment, EntryCitation


def citations_for(activity_ids: Iterable[int]) -> QuerySet[EntryCitation]:
    """Citations of these activities whose entries are shared with the college now, in one query (+ files)."""
    return (
        EntryCitation.objects.filter(activity_id__in=list(activity_ids), entry__shared_with_centre=True)
        .select_related("entry__learner", "entry__unit", "activity", "cited_by")
        .prefetch_related(Prefetch("entry__attachments", queryset=Attachment.objects.order_by("uploaded_at", "id")))
        .order_by("activity_id", "entry__happened_on", "id")
    )


def cited_entry_pdf(citation: EntryCitation) -> bytes:
    return render_pdf(
        "portfolio/pdf/cited_entry.html",
        {
            "citation": citation,
            "entry": citation.entry,
            "attachments": list(citation.entry.attachments.all()),
            "generated_at": timezone.localtime(),
        },
    )
