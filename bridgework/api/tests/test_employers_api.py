from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django_scopes import scopes_disabled

from bridgework.employers.models import Employer
from bridgework.employers.tests.conftest import make_employer

pytestmark = pytest.mark.django_db


def test_it_creates_an_employer_with_its_main_site(api, world):  # type: ignore[no-untyped-def]
    body = {"name": "  Harbour Hotels plc ", "sectors": ["Hospitality", "Business"], "postcode": "yo1  7hh"}
    status, created = api("POST", "/employers", body)
    assert status == 201, created
    assert created == {
        "id": created["id"],
        "name": "Harbour Hotels plc",
        "sectors": ["Business", "Hospitality"],
        "postcode": "YO1 7HH",
    }
    with scopes_disabled():
        employer = Employer.objects.get(pk=created["id"])
        site = employer.sites.get()
        assert employer.centre == world.a.centre and site.is_primary and site.name == "Main site"
        assert {entry.actor for entry in LogEntry.objects.get_for_object(employer)} == {world.a.admin}


def test_it_refuses_a_probable_duplicate_unless_told_it_is_another_employer(api, world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        existing = make_employer(world.a.centre, "Acme Precision Engineering Ltd", postcode="LS1 4AP")
        make_employer(world.b.centre, "Northern Widgets Ltd")  # another centre's: never a duplicate here
    status, error = api("POST", "/employers", {"name": "ACME Precision Engineering Limited"})
    assert status == 409
    assert f"Acme Precision Engineering Ltd (id {existing.pk})" in error["detail"]
    assert "not_a_duplicate" in error["detail"]
    assert api("POST", "/employers", {"name": "ACME Precision Engineering Limited", "not_a_duplicate": True})[0] == 201
    assert api("POST", "/employers", {"name": "Northern Widgets Ltd"})[0] == 201


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            {"name": "Firm", "sectors": ["Basket weaving"]},
            "There is no sector named 'Basket weaving' in the catalogue.",
        ),
        ({"name": "Firm", "postcode": "NOT POST"}, "Enter a UK postcode, like LS1 4AP."),
        ({"name": "   "}, "Invalid request."),
        ({"name": "Firm\x00"}, "Invalid request."),
        ({"name": "x" * 201}, "Invalid request."),
        ({"sectors": []}, "Invalid request."),
    ],
)
def test_it_refuses_invalid_employers(api, body, detail):  # type: ignore[no-untyped-def]
    status, error = api("POST", "/employers", body)
    assert (status, error["detail"]) == (422, detail)
    with scopes_disabled():
        assert not Employer.objects.exists()


def test_it_lists_only_this_centres_employers_and_filters_them(api, world):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        hotel = make_employer(world.a.centre, "Harbour Hotels plc", postcode="YO1 7HH")
        hotel.sectors.add(world.qualification.sector)
        make_employer(world.a.centre, "Merged Away Ltd", merged_into=hotel)
        make_employer(world.a.centre, "Acme Ltd", trading_name="Acme Engineering")
        make_employer(world.b.centre, "Harbour Hotels plc")
    status, page = api("GET", "/employers")
    assert status == 200
    assert [e["name"] for e in page["items"]] == ["Acme Engineering", "Harbour Hotels plc"]
    assert api("GET", "/employers?search=harbour")[1]["count"] == 1
    assert api("GET", "/employers?search=YO1 7HH")[1]["items"][0]["id"] == hotel.pk
    assert api("GET", "/employers?search=acme engineering")[1]["count"] == 1
    by_sector = api("GET", f"/employers?sector={world.qualification.sector.name}")[1]
    assert [e["id"] for e in by_sector["items"]] == [hotel.pk]
    assert api("GET", "/employers?sector=Nothing")[1]["count"] == 0
    assert api("GET", "/employers?page=0")[0] == 422


def test_listing_employers_takes_the_same_queries_for_2_or_20(api, world, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    def add(count: int, start: int) -> None:
        with scopes_disabled():
            for i in range(start, start + count):
                employer = make_employer(world.a.centre, f"Firm {i:02d} Ltd", postcode="LS1 4AP")
                employer.sectors.add(world.qualification.sector)

    add(2, 0)
    with django_assert_max_num_queries(20) as two:
        assert api("GET", "/employers")[1]["count"] == 2
    limit = len(two.captured_queries)
    add(18, 2)
    with django_assert_max_num_queries(limit):
        page = api("GET", "/employers")[1]
    assert page["count"] == 20 and all(e["postcode"] == "LS1 4AP" for e in page["items"])
