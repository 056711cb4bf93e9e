"""Calendar: month grid with the submission deadline, term list, iCalendar feeds behind revocable secrets."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.activities.services.calendar import _fold, create_feed, submission_deadlines
from tests.planner_factories import make_activity, make_employer

pytestmark = pytest.mark.django_db


def test_the_deadline_comes_from_settings(settings: Any) -> None:
    settings.MEI_SUBMISSION_DEADLINES = {"OCR": "06-15", "CG": "05-31"}
    days = {d.label.split()[0]: d.day.isoformat() for d in submission_deadlines("2025/26")}
    assert days == {"CG": "2026-05-31", "OCR": "2026-06-15"}


def test_the_month_view_shows_sessions_and_the_deadline(world: Any, staff_client: Client) -> None:
    with scopes_disabled():
        activity = make_activity(world, world.a)
        session = activity.sessions.first()
    month = session.starts_at.strftime("%Y-%m")
    page = staff_client.get(f"/c/{world.a.centre.number}/calendar/?month={month}").content.decode()
    assert activity.title in page
    june = staff_client.get(f"/c/{world.a.centre.number}/calendar/?month=2026-06").content.decode()
    assert "OCR employer involvement submission deadline" in june
    terms = staff_client.get(f"/c/{world.a.centre.number}/calendar/terms/?year=2025/26").content.decode()
    assert "Summer term" in terms and "submission deadline" in terms


def test_feeds_are_secret_scoped_and_revocable(world: Any, staff_client: Client) -> None:
    with scopes_disabled():
        employer = make_employer(world.a)
        theirs = make_activity(world, world.a, title="At Acme", employer=employer)
        make_activity(world, world.a, title="Elsewhere")
        make_activity(world, world.b, title="Other centre's lecture")
        session_pk = theirs.sessions.first().pk
        feed, secret = create_feed(centre_id=world.a.centre.pk, kind="employer", user=world.a.staff, employer=employer)
        centre_feed, centre_secret = create_feed(centre_id=world.a.centre.pk, kind="centre", user=world.a.staff)
    url = reverse("activities_public:calendar_feed", kwargs={"feed": feed.pk, "secret": secret})
    body = Client().get(url).content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:At Acme" in body and "Elsewhere" not in body
    assert f"UID:session-{session_pk}@" in body
    whole = Client().get(
        reverse("activities_public:calendar_feed", kwargs={"feed": centre_feed.pk, "secret": centre_secret})
    )
    assert "Elsewhere" in whole.content.decode() and "Other centre" not in whole.content.decode()
    assert "submission deadline" in whole.content.decode()
    wrong = reverse("activities_public:calendar_feed", kwargs={"feed": feed.pk, "secret": centre_secret})
    assert Client().get(wrong).status_code == 404
    staff_client.post(f"/c/{world.a.centre.number}/calendar/feeds/{feed.pk}/revoke/")
    assert Client().get(url).status_code == 404


def test_long_lines_are_folded() -> None:
    folded = _fold("SUMMARY:" + "é" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "é" * 80
