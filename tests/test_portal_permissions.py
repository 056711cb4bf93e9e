"""Every employer-portal route, for the two employers the matrix's roles do not cover: an employer contact
of another centre, and an employer contact of the same centre without an agreement. Neither reaches a
learner, entry or file of centre A (404, never 403), and list pages show them nothing of A's learner.
Portal pages never show a date of birth, ULN or MIS reference."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.portfolio.models import PortalAccessLog
from bridgework.portfolio.tests.factories import employer_person, portal_setup, portal_user_at
from tests.permissions.rows_portfolio import ROWS

PORTAL_ROWS = [row for row in ROWS if row.name.startswith("portal:")]
LIST_ROUTES = {"portal:home", "portal:deadlines", "portal:registers"}


def _request(client: Client, row, world):  # type: ignore[no-untyped-def]
    url = reverse(row.name, kwargs=row.kwargs(world, world.a))
    if row.method == "POST":
        return client.post(url, row.data(world, world.a) if row.data else {})
    return client.get(url)


def _other_centre_employer(world) -> Client:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        portal_setup(world, world.b)  # they have learners of their own, at centre B
    client = Client()
    client.force_login(world.b.employer_user)
    return client


def _same_centre_no_agreement(world) -> Client:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        user = portal_user_at(world.a.centre, "noagreement@employer.test")
        employer_person(world.a.centre, user, name="Nora Agreement")
    client = Client()
    client.force_login(user)
    return client


CASES = [
    pytest.param(row, who, id=f"{row.name} {who}")
    for row in PORTAL_ROWS
    for who in ("employer of another centre", "employer of the same centre without an agreement")
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "who"), CASES)
def test_it_answers_404_to_employers_who_may_not_see_it(world, row, who) -> None:  # type: ignore[no-untyped-def]
    client = (
        _other_centre_employer(world) if who.startswith("employer of another") else _same_centre_no_agreement(world)
    )
    response = _request(client, row, world)
    if row.name in LIST_ROUTES:
        assert response.status_code == 200
        page = response.content.decode()
        assert world.a.learner.family_name not in page
        assert "Lathe work at Alpha College" not in page
    else:
        assert response.status_code == 404, f"{who} {row.name}: {response.status_code}"
        # The refusal itself is audited.
        assert PortalAccessLog.objects.filter(action="not_found", path=response.wsgi_request.path).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["employer of another centre", "employer of the same centre without an agreement"])
def test_the_portal_home_lists_none_of_centre_as_learners(world, who) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        portal_setup(world, world.a)
    client = (
        _other_centre_employer(world) if who.startswith("employer of another") else _same_centre_no_agreement(world)
    )
    page = client.get(reverse("portal:home")).content.decode()
    assert world.a.learner.family_name not in page


@pytest.mark.django_db
def test_portal_pages_show_no_date_of_birth_uln_or_mis_reference(world) -> None:
    with scopes_disabled():
        world.a.learner.uln = "9276308686"
        world.a.learner.save()
        setup = portal_setup(world, world.a)
    client = Client()
    client.force_login(world.a.employer_user)
    urls = [reverse("portal:home"), reverse("portal:deadlines"), reverse("portal:registers")] + [
        reverse(name, kwargs={"pk": pk})
        for name, pk in [
            ("portal:learner", world.a.learner.pk),
            ("portal:entry", setup.entry.pk),
            ("portal:update", setup.update.pk),
            ("portal:witness_detail", setup.statement.pk),
            ("portal:witness_create", world.a.learner.pk),
        ]
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert world.a.learner.full_name in page or url in (reverse("portal:deadlines"),), url
        for secret in ("9276308686", world.a.learner.mis_ref, "2009", "1 March", "01/03"):
            assert secret not in page, f"{secret} on {url}"


@pytest.mark.django_db
def test_every_portal_page_is_audited(world) -> None:
    from bridgework.portfolio.models import PortalAccessLog

    with scopes_disabled():
        setup = portal_setup(world, world.a)
    client = Client()
    client.force_login(world.a.employer_user)
    for row in [*PORTAL_ROWS, type(PORTAL_ROWS[0])("portal:home", PORTAL_ROWS[0].allowed, per_centre=False)]:
        before = PortalAccessLog.objects.count()
        response = _request(client, row, world)
        assert response.status_code < 400, row.name
        assert PortalAccessLog.objects.count() == before + 1 or row.method == "POST", row.name
    assert PortalAccessLog.objects.filter(action="feedback", entry=setup.entry).exists()
    assert PortalAccessLog.objects.filter(action="download", attachment=setup.attachment).exists()
