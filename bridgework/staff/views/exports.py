"""Downloads of the centre's data. Every text cell is neutralised against formula injection (core.exports)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from bridgework.core.access import centre_view
from bridgework.core.exports import export_response
from bridgework.learners.exports import learners_table


@centre_view("centre.export_data")
def learner_export(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in ("csv", "xlsx"):
        raise Http404
    centre = request.centre  # type: ignore[attr-defined]
    return export_response(learners_table(), file_format, f"learners-{centre.number}-{timezone.localdate():%Y-%m-%d}")
