"""The signed agreement as a PDF. WeasyPrint fetches nothing from the network or the disk: the only URLs
it may open are data: URIs, so a learner's text can never make the server fetch anything."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from bridgework.employers.models import Agreement


def no_remote_fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols=("data",), allow_redirects=False, timeout=1)


def render_agreement_pdf(agreement: Agreement) -> bytes:
    signatures = list(agreement.signatures.select_related("user").order_by("signed_at"))
    html = render_to_string("employers/agreement_pdf.html", {"agreement": agreement, "signatures": signatures})
    return HTML(string=html, base_url="data:,", url_fetcher=no_remote_fetcher()).write_pdf()
