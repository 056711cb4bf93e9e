from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

ENGINE_LABELS = {
    "met": "Met",
    "on_track": "On track",
    "at_risk": "At risk",
    "not_met": "Not met",
    "not_required": "Not required",
}
STATE_COLOURS = {
    "draft": "grey",
    "submitted": "blue",
    "further_development": "orange",
    "not_completed": "red",
    "approved": "green",
    "withdrawn": "red",
    "not_met": "red",
    "met": "green",
    "open": "orange",
    "answered": "blue",
    "closed": "grey",
    "pending": "grey",
    "ready": "green",
    "failed": "red",
}


@register.filter
def engine_label(status: str) -> str:
    return ENGINE_LABELS.get(status, status)


@register.filter
def engine_class(status: str) -> str:
    return "bw-status-tag bw-status-tag--" + status.replace("_", "-")


@register.filter
def state_class(state: str) -> str:
    return f"govuk-tag govuk-tag--{STATE_COLOURS.get(state, 'grey')}"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def posted(post: Any, key: str) -> str:
    return post.get(key, "") if post is not None else ""
