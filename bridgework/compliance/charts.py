"""Server-side SVG charts with pygal, made safe for our CSP (style-src 'self', no inline scripts).

pygal embeds a <style> element, a <script> configuration and a few style attributes in its SVG; we strip
them all and style the chart's classes from static/compliance/charts.css instead. Every chart sits next to
a table of the same numbers (the text alternative).
"""

from __future__ import annotations

import re

import pygal
from django.utils.safestring import SafeString, mark_safe

from bridgework.compliance.engine import STATUS_LABELS

_STRIP = [
    re.compile(r"<style[^>]*>.*?</style>", re.S),
    re.compile(r"<script[^>]*>.*?</script>", re.S),
    re.compile(r'\sstyle="[^"]*"'),
    re.compile(r"<!--.*?-->", re.S),
]
CHART_STATUSES = ("met", "on_track", "at_risk", "not_met")


def _clean(svg: str, label: str) -> SafeString:
    for pattern in _STRIP:
        svg = pattern.sub("", svg)
    svg = svg.replace('id=""', "").replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)
    return mark_safe(svg)


def status_bars(rows: list[tuple[str, dict[str, int]]], *, label: str) -> SafeString:
    """Horizontal stacked bars, one per row, in % of learners for whom MEI is required."""
    chart = pygal.HorizontalStackedBar(
        js=[],
        css=[],
        no_prefix=True,
        disable_xml_declaration=True,
        width=760,
        height=max(160, 60 + 34 * len(rows)),
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=4,
        range=(0, 100),
        print_values=False,
        show_y_guides=False,
        truncate_label=40,
        margin=10,
    )
    chart.x_labels = [name for name, _ in rows]
    for status in CHART_STATUSES:
        values = []
        for _, counts in rows:
            required = sum(counts.get(s, 0) for s in CHART_STATUSES) or 1
            values.append(round(100 * counts.get(status, 0) / required, 1))
        chart.add(STATUS_LABELS[status], values)
    return _clean(chart.render(is_unicode=True), label)
