"""Generated PDFs (attendance records, declarations, plans): WeasyPrint that never fetches anything.

Templates are self-contained (inline CSS, no images by URL), so any URL a document asks for is refused:
a learner's or employer's text can never make the server read a file or call an internal address."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string


def refuse_remote(url: str, *args: object, **kwargs: object) -> None:
    """WeasyPrint URL fetcher: nothing is ever fetched (no SSRF, no file reads)."""
    raise ValueError(f"Generated documents load no external resources: {url[:80]}")


def html_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=refuse_remote, base_url=None).write_pdf()


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    return html_pdf(render_to_string(template_name, context))


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A generated PDF as a download that browsers must not sniff or cache. Only after the view's checks."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
