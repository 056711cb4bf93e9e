"""What a generated PDF says, for tests: the text WeasyPrint lays out on its pages (the PDF's own text streams
are glyph-encoded, so they cannot be searched)."""

from __future__ import annotations


def laid_out_text(html: str) -> str:
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    from bridgework.core.pdf import refuse_remote

    document = HTML(string=html, url_fetcher=refuse_remote).render()
    return " ".join(
        box.text for page in document.pages for box in page._page_box.descendants() if isinstance(box, TextBox)
    )
