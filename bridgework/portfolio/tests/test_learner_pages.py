"""The learner's portfolio pages: writing entries, files checked by their bytes, weekly updates, sharing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.portfolio.models import Attachment, JournalEntry, Share, WeeklyUpdate
from bridgework.portfolio.services.entries import week_start_of
from bridgework.portfolio.tests.factories import journal_entry, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner_client(world) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.a.learner_user)
    return client


def test_it_saves_an_entry_shared_with_the_centre_by_default(world, learner_client) -> None:
    form = learner_client.get(reverse("learner:entry_create")).content.decode()
    assert 'name="shared_with_centre"' in form and "checked" in form
    response = learner_client.post(
        reverse("learner:entry_create"),
        {
            "title": "Met the quality team",
            "happened_on": timezone.localdate().isoformat(),
            "what_happened": "They showed me how parts are inspected.",
            "shared_with_centre": "on",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        entry = JournalEntry.objects.get(title="Met the quality team")
        assert entry.learner == world.a.learner and entry.centre == world.a.centre and entry.shared_with_centre


def test_it_explains_what_is_missing(learner_client) -> None:
    response = learner_client.post(reverse("learner:entry_create"), {"title": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page and "govuk-error-summary" in page


def test_it_refuses_an_activity_the_learner_does_not_take_part_in(world, learner_client) -> None:
    from bridgework.portfolio.tests.factories import portal_setup

    with scopes_disabled():
        other_activity = portal_setup(world, world.b).activity
    response = learner_client.post(
        reverse("learner:entry_create"),
        {"title": "x", "happened_on": "2025-10-01", "what_happened": "y", "activity": other_activity.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_it_accepts_a_real_picture_and_refuses_a_file_whose_bytes_lie(world, learner_client) -> None:
    with scopes_disabled():
        entry = journal_entry(world.a.learner)
    url = reverse("learner:entry_attachment_upload", kwargs={"pk": entry.pk})
    assert learner_client.post(url, {"file": png_upload()}).status_code == 302
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 this is a program", content_type="image/png")
    response = learner_client.post(url, {"file": fake})
    assert response.status_code == 400
    assert "contents are not an image" in response.content.decode()
    misnamed = SimpleUploadedFile("photo.pdf", png_upload().read(), content_type="application/pdf")
    assert "contents are not" in learner_client.post(url, {"file": misnamed}).content.decode()
    with scopes_disabled():
        assert Attachment.objects.filter(entry=entry).count() == 1
        attachment = Attachment.objects.get(entry=entry)
    download = learner_client.get(reverse("learner:attachment_download", kwargs={"pk": attachment.pk}))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_weekly_update_gathers_the_weeks_entries(world, learner_client) -> None:
    monday = week_start_of(timezone.localdate())
    with scopes_disabled():
        in_week = journal_entry(world.a.learner, title="In the week", happened_on=monday)
        journal_entry(world.a.learner, title="Week before", happened_on=monday - timedelta(days=1))
    home = learner_client.get(reverse("learner:portfolio")).content.decode()
    assert "Write this week" in home
    response = learner_client.post(
        reverse("learner:update_create"), {"week_start": monday.isoformat(), "note": "Busy week"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        update = WeeklyUpdate.objects.get(learner=world.a.learner)
        assert list(update.entries.all()) == [in_week]
    again = learner_client.post(reverse("learner:update_create"), {"week_start": monday.isoformat()})
    assert "already sent an update" in again.content.decode()


def test_the_learner_shares_an_entry_with_an_expiry(world, learner_client, setup_a) -> None:
    with scopes_disabled():
        entry = journal_entry(world.a.learner, title="To share")
    page = learner_client.get(reverse("learner:entry_share", kwargs={"pk": entry.pk})).content.decode()
    assert "Priya Shah" in page
    until = timezone.localdate() + timedelta(days=7)
    response = learner_client.post(
        reverse("learner:entry_share", kwargs={"pk": entry.pk}),
        {"person": setup_a.person.pk, "expires_on": until.isoformat()},
    )
    assert response.status_code == 302
    with scopes_disabled():
        share = Share.objects.get(entry=entry)
        assert timezone.localtime(share.expires_at).date() == until


def test_the_share_page_explains_when_nobody_can_be_chosen(world, learner_client) -> None:
    with scopes_disabled():
        entry = journal_entry(world.a.learner)
    page = learner_client.get(reverse("learner:entry_share", kwargs={"pk": entry.pk})).content.decode()
    assert "You cannot share with anyone yet" in page


@pytest.mark.parametrize("rows", [2, 20])
def test_the_portfolio_list_query_count_does_not_grow(
    world, learner_client, django_assert_max_num_queries, rows
) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        for i in range(rows):
            journal_entry(world.a.learner, title=f"Entry {i}")
    with django_assert_max_num_queries(14):
        assert learner_client.get(reverse("learner:portfolio")).status_code == 200


def test_the_learner_sees_that_the_college_cites_an_entry_and_who_may_read_it(world, learner_client) -> None:
    from bridgework.moderation.tests.factories import sampled_citation

    _submission, citation = sampled_citation(world.a, world.qualification)
    url = reverse("learner:entry_detail", kwargs={"pk": citation.entry_id})
    page = learner_client.get(url).content.decode()
    assert "Your college uses this entry as evidence for" in page and citation.activity.title in page
    assert "moderator may read it" in page
    with scopes_disabled():
        JournalEntry.objects.filter(pk=citation.entry_id).update(shared_with_centre=False)
    assert "nobody there or at the awarding organisation can read it" in learner_client.get(url).content.decode()
