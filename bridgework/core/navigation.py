"""Navigation by role. Each audience registers its menu entries; the context processor picks the menu for
the area the request is in (a centre's staff area, the learner area, the portal, moderation, platform)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavEntry:
    text: str
    url_name: str
    permission: str = ""  # a `rules` permission checked against the centre (staff area only)
    section: str = ""  # URL-name prefix that marks the entry as current, e.g. "staff:learner"


STAFF_NAV: list[NavEntry] = []
AREA_NAV: dict[str, list[NavEntry]] = {"learner": [], "portal": [], "moderator": [], "platform": []}


def _current(request: HttpRequest, entry: NavEntry) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    name = f"{match.namespace}:{match.url_name}" if match.namespace else (match.url_name or "")
    return name == entry.url_name or bool(entry.section and name.startswith(entry.section))


def navigation(request: HttpRequest) -> dict[str, object]:
    items: list[dict[str, object]] = []
    centre = getattr(request, "centre", None)
    match = request.resolver_match
    if centre is not None:
        for entry in STAFF_NAV:
            if entry.permission and not request.user.has_perm(entry.permission, centre):
                continue
            items.append(
                {
                    "href": reverse(entry.url_name, kwargs={"centre": centre.number}),
                    "text": entry.text,
                    "current": _current(request, entry),
                }
            )
    elif match is not None and match.namespace in AREA_NAV:
        for entry in AREA_NAV[match.namespace]:
            try:
                href = reverse(entry.url_name)
            except NoReverseMatch:
                continue
            items.append({"href": href, "text": entry.text, "current": _current(request, entry)})
    return {"nav_items": items, "current_centre": centre}
