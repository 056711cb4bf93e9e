"""Register marks as people type them ("P", "Late", "left-early", "Authorised absence") → a register status.

The built-in statuses accept their obvious spellings; a centre's own statuses are accepted by code or label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

from bridgework.activities.models import CustomAttendanceStatus, Mark
from bridgework.people.models import Centre

SPELLINGS: dict[str, tuple[str, ...]] = {
    Mark.PRESENT: ("present", "p", "attended", "here", "yes", "y", "/"),
    Mark.LATE: ("late", "l", "arrived late", "present late"),
    Mark.LEFT_EARLY: ("left early", "leftearly", "le", "early", "early leaver"),
    Mark.ABSENT: ("absent", "a", "abs", "no", "n", "did not attend", "dna", "not present", "unauthorised absence"),
    Mark.EXCUSED: (
        "excused",
        "e",
        "excused absence",
        "authorised absence",
        "authorized absence",
        "authorised",
        "authorized",
    ),
}
BUILT_IN = "present, late, left early, absent or excused"


def _key(text: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", text.casefold()).split())


def mark_cleaner(centre: Centre) -> Callable[[Any, dict[str, Any]], str]:
    known = {_key(spelling): mark for mark, spellings in SPELLINGS.items() for spelling in spellings}
    custom = list(CustomAttendanceStatus.objects.filter(centre=centre).order_by("label").values_list("code", "label"))
    for code, label in custom:
        known.setdefault(_key(code), code)
        known.setdefault(_key(label), code)
    own = ", ".join(label for _code, label in custom)
    choices = f"{BUILT_IN}, or one of this centre's own: {own}" if custom else BUILT_IN

    def clean(value: Any, previous: dict[str, Any]) -> str:
        text = "" if value is None else str(value).strip()
        if not text:
            raise ValidationError(f"Enter the mark: {choices}.")
        mark = known.get(_key(text))
        if mark is None:
            raise ValidationError(f"“{text}” is not a register mark. Use {choices}.")
        return mark

    return clean
