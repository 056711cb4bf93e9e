"""Register marks and start times as people type them."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from bridgework.activities.models import CustomAttendanceStatus
from bridgework.imports.kinds.register_marks import mark_cleaner
from bridgework.imports.values import parse_time

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "mark"),
    [
        ("P", "present"),
        ("Present", "present"),
        ("/", "present"),
        ("LATE", "late"),
        ("left-early", "left_early"),
        ("Left_Early", "left_early"),
        ("LE", "left_early"),
        ("a", "absent"),
        ("Did not attend", "absent"),
        ("Authorised absence", "excused"),
        ("excused", "excused"),
        ("attended remotely", "remote"),  # the centre's own status, by label
        ("REMOTE", "remote"),  # and by code
    ],
)
def test_marks_are_read_in_their_obvious_spellings(world: Any, typed: str, mark: str) -> None:
    CustomAttendanceStatus.objects.create(centre=world.a.centre, code="remote", label="Attended remotely")
    with scope(centre=world.a.centre.pk):
        assert mark_cleaner(world.a.centre)(typed, {}) == mark


def test_an_unknown_or_blank_mark_says_what_is_accepted(world: Any) -> None:
    with scope(centre=world.a.centre.pk):
        clean = mark_cleaner(world.a.centre)
        with pytest.raises(ValidationError, match=r"“maybe” is not a register mark\. Use present, late"):
            clean("maybe", {})
        with pytest.raises(ValidationError, match="Enter the mark"):
            clean("  ", {})


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("14:00", time(14)), ("9.30", time(9, 30)), ("2pm", time(14)), ("12am", time(0)), (time(10, 0, 30), time(10))],
)
def test_start_times(typed: Any, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["14pm", "9", "25:00", "noon"])
def test_what_is_not_a_time(typed: str) -> None:
    with pytest.raises(ValidationError, match="is not a time"):
        parse_time(typed)
