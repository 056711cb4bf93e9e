"""Learner-controlled sharing: share → view → revoke → 404, expiry, and consent withdrawal hiding everything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.portfolio.models import PortalAccessLog, Share
from bridgework.portfolio.services import portal, sharing
from bridgework.portfolio.services.contributions import leave_feedback
from bridgework.portfolio.tests.factories import (
    employer_person,
    grant_sharing,
    journal_entry,
    portal_user_at,
    withdraw_sharing,
)

pytestmark = pytest.mark.django_db


def _employer_client(world) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.a.employer_user)
    return client


def _urls(setup) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        reverse("portal:entry", kwargs={"pk": setup.entry.pk}),
        reverse("portal:attachment", kwargs={"pk": setup.attachment.pk}),
        reverse("portal:update", kwargs={"pk": setup.update.pk}),
    ]


def test_it_shows_a_shared_entry_then_404s_once_every_share_of_it_is_revoked(world, setup_a) -> None:
    client = _employer_client(world)
    response = client.get(reverse("portal:entry", kwargs={"pk": setup_a.entry.pk}))
    assert response.status_code == 200
    assert setup_a.entry.what_happened in response.content.decode()

    with scopes_disabled():
        assert PortalAccessLog.objects.filter(entry=setup_a.entry, person=setup_a.person, action="view").exists()
        sharing.revoke(setup_a.entry_share)
        sharing.revoke(setup_a.update_share)  # the update contains the entry: it must go too

    for url in _urls(setup_a):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("portal:entry_feedback", kwargs={"pk": setup_a.entry.pk}), {"text": "Hi"}).status_code
        == 404
    )


def test_it_still_shows_an_entry_inside_a_shared_update_after_the_entry_share_is_revoked(world, setup_a) -> None:
    client = _employer_client(world)
    with scopes_disabled():
        sharing.revoke(setup_a.entry_share)
    assert client.get(reverse("portal:entry", kwargs={"pk": setup_a.entry.pk})).status_code == 200


def test_the_learner_sees_who_viewed_their_entry_and_when(world, setup_a) -> None:
    _employer_client(world).get(reverse("portal:entry", kwargs={"pk": setup_a.entry.pk}))
    learner = Client()
    learner.force_login(world.a.learner_user)
    page = learner.get(reverse("learner:entry_detail", kwargs={"pk": setup_a.entry.pk})).content.decode()
    assert "Priya Shah" in page
    assert "Viewed" in page
    overview = learner.get(reverse("learner:sharing")).content.decode()
    assert "Can see it now" in overview and "Viewed" in overview


def test_it_hides_a_share_once_it_expires(world, setup_a) -> None:
    client = _employer_client(world)
    with scopes_disabled():
        Share.objects.filter(pk__in=[setup_a.entry_share.pk, setup_a.update_share.pk]).update(
            expires_at=timezone.now() + timedelta(hours=1)
        )
    assert client.get(reverse("portal:entry", kwargs={"pk": setup_a.entry.pk})).status_code == 200
    with scopes_disabled():
        later = portal.portal_user(world.a.employer_user, at=timezone.now() + timedelta(hours=2))
        with pytest.raises(Http404):
            portal.portal_entry_for(later, setup_a.entry.pk)
        Share.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    for url in _urls(setup_a):
        assert client.get(url).status_code == 404, url


def test_withdrawing_consent_hides_everything_at_once(world) -> None:
    with scopes_disabled():
        person = employer_person(world.a.centre, world.a.employer_user)
        grant_sharing(world.a.learner, person)  # linked by the agreement only (not a practitioner)
        entry = journal_entry(world.a.learner, title="Consent test entry")
        from bridgework.portfolio.services.entries import add_attachment
        from bridgework.portfolio.tests.factories import png_upload

        attachment = add_attachment(entry, png_upload())
        sharing.share(world.a.learner, person, entry=entry)
    client = _employer_client(world)
    assert (
        "Consent test entry"
        in client.get(reverse("portal:learner", kwargs={"pk": world.a.learner.pk})).content.decode()
    )

    with scopes_disabled():
        withdraw_sharing(world.a.learner, person)

    assert client.get(reverse("portal:entry", kwargs={"pk": entry.pk})).status_code == 404
    assert client.get(reverse("portal:attachment", kwargs={"pk": attachment.pk})).status_code == 404
    assert client.get(reverse("portal:learner", kwargs={"pk": world.a.learner.pk})).status_code == 404
    assert world.a.learner.family_name not in client.get(reverse("portal:home")).content.decode()
    learner = Client()
    learner.force_login(world.a.learner_user)
    assert "does not allow sharing now" in learner.get(reverse("learner:sharing")).content.decode()


def test_it_refuses_to_share_without_an_agreement_in_force(world) -> None:
    with scopes_disabled():
        person = employer_person(world.a.centre, world.a.employer_user)
        entry = journal_entry(world.a.learner)
        with pytest.raises(ValidationError, match="learning agreement"):
            sharing.share(world.a.learner, person, entry=entry)


def test_it_refuses_an_expiry_in_the_past_and_a_second_live_share(world, setup_a) -> None:
    with scopes_disabled():
        with pytest.raises(ValidationError, match="can already see"):
            sharing.share(world.a.learner, setup_a.person, entry=setup_a.entry)
        other = journal_entry(world.a.learner, title="Another")
        with pytest.raises(ValidationError, match="future"):
            sharing.share(
                world.a.learner, setup_a.person, entry=other, expires_at=timezone.now() - timedelta(minutes=1)
            )


def test_feedback_is_refused_the_moment_the_share_is_revoked(world, setup_a) -> None:
    with scopes_disabled():
        pu = portal.portal_user(world.a.employer_user)
        sharing.revoke(setup_a.entry_share)
        sharing.revoke(setup_a.update_share)
        with pytest.raises(Http404):
            leave_feedback(pu, setup_a.entry.pk, "Well done")


def test_the_learner_can_stop_a_share_from_the_entry_page(world, setup_a) -> None:
    learner = Client()
    learner.force_login(world.a.learner_user)
    response = learner.post(reverse("learner:share_revoke", kwargs={"pk": setup_a.entry_share.pk}))
    assert response.status_code == 302
    with scopes_disabled():
        setup_a.entry_share.refresh_from_db()
        assert setup_a.entry_share.revoked_at is not None


def test_a_learner_cannot_stop_someone_elses_share(world) -> None:
    from bridgework.portfolio.tests.factories import portal_setup

    with scopes_disabled():
        setup_b = portal_setup(world, world.b)
    learner = Client()
    learner.force_login(world.a.learner_user)
    assert learner.post(reverse("learner:share_revoke", kwargs={"pk": setup_b.entry_share.pk})).status_code == 404


def test_an_employer_person_without_portal_access_sees_nothing(world, setup_a) -> None:
    with scopes_disabled():
        setup_a.person.may_use_portal = False
        setup_a.person.save()
    client = _employer_client(world)
    assert client.get(reverse("portal:entry", kwargs={"pk": setup_a.entry.pk})).status_code == 404


def test_another_contact_at_the_same_employer_without_a_share_sees_nothing(world, setup_a) -> None:
    with scopes_disabled():
        colleague_user = portal_user_at(world.a.centre, "colleague@employer.test")
        employer_person(world.a.centre, colleague_user, name="Sam Colleague")
    client = Client()
    client.force_login(colleague_user)
    for url in _urls(setup_a):
        assert client.get(url).status_code == 404
