from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from bridgework.catalogue.models import Qualification
from bridgework.learners.models import Enrolment, Learner

pytestmark = pytest.mark.django_db
VALID_ULN = "9276308686"


def test_it_creates_reads_and_patches_a_learner(api, world):  # type: ignore[no-untyped-def]
    status, created = api(
        "POST",
        "/learners",
        {
            "mis_ref": "API001",
            "given_name": "Ada",
            "family_name": "Lovelace",
            "date_of_birth": "2009-12-10",
            "uln": VALID_ULN,
            "enrolment_numbers": {"OCR": "1234"},
        },
    )
    assert status == 201, created
    assert created["enrolment_numbers"] == {"OCR": "1234"} and created["ehc_plan"] is False
    status, patched = api("PATCH", f"/learners/{created['id']}", {"ehc_plan": True, "enrolment_numbers": {"CG": "CG9"}})
    assert status == 200
    assert patched["ehc_plan"] is True and patched["enrolment_numbers"] == {"OCR": "1234", "CG": "CG9"}
    status, fetched = api("GET", f"/learners/{created['id']}")
    assert (status, fetched) == (200, patched)


def test_it_gives_the_same_messages_as_the_import(api):  # type: ignore[no-untyped-def]
    body = {"given_name": "A", "family_name": "B", "date_of_birth": "2009-01-01", "uln": "9276308687"}
    status, error = api("POST", "/learners", body)
    assert status == 422
    message = "This ULN fails its check digit. Check it with the learner, or leave it blank if unknown."
    assert error == {"detail": message, "field": "uln", "errors": [{"field": "uln", "message": message}]}


def test_it_answers_409_for_a_duplicate_mis_reference(api, world):  # type: ignore[no-untyped-def]
    body = {"given_name": "A", "family_name": "B", "date_of_birth": "2009-01-01", "mis_ref": world.a.learner.mis_ref}
    status, error = api("POST", "/learners", body)
    assert status == 409
    learner = world.a.learner
    assert (
        error["detail"]
        == f"Another learner at this centre already has MIS reference {learner.mis_ref} ({learner.full_name})."
    )


def test_it_does_not_show_or_change_another_centres_learner(api, world):  # type: ignore[no-untyped-def]
    status, error = api("GET", f"/learners/{world.b.learner.pk}")
    assert status == 404 and error["detail"]
    assert api("PATCH", f"/learners/{world.b.learner.pk}", {"given_name": "X"})[0] == 404
    with scopes_disabled():
        assert Learner.objects.get(pk=world.b.learner.pk).given_name == "Lee"


def test_it_filters_and_paginates_learners(api, world):  # type: ignore[no-untyped-def]
    status, page = api("GET", "/learners")
    assert status == 200 and page["count"] == 1
    assert page["items"][0]["mis_ref"] == world.a.learner.mis_ref
    assert api("GET", f"/learners?mis_ref={world.a.learner.mis_ref}")[1]["count"] == 1
    assert api("GET", "/learners?mis_ref=NOPE")[1]["count"] == 0
    assert api("GET", "/learners?search=Alphason")[1]["count"] == 1
    assert api("GET", "/learners?page=99999999999999999999")[0] == 422


def test_it_enrols_a_learner_once_per_year(api, world):  # type: ignore[no-untyped-def]
    other = Qualification.objects.exclude(pk=world.qualification.pk).first()
    body = {
        "learner": world.a.learner.pk,
        "qualification": other.pk,
        "academic_year": "2025/26",
        "start_date": "2025-09-08",
    }
    status, created = api("POST", "/enrolments", body)
    assert status == 201 and created["learner"] == world.a.learner.pk and created["status"] == "active"
    status, error = api("POST", "/enrolments", body)
    assert status == 409
    assert error["detail"] == (
        f"{world.a.learner.full_name} is already enrolled on {other.title} in 2025/26. Change that enrolment instead."
    )
    status, error = api("POST", "/enrolments", {**body, "academic_year": "2025/27"})
    assert (status, error["detail"]) == (422, "Enter an academic year like 2025/26.")
    status, listed = api("GET", f"/enrolments?learner={world.a.learner.pk}&qualification={other.pk}")
    assert status == 200 and [e["id"] for e in listed["items"]] == [created["id"]]
    assert api("GET", "/enrolments?academic_year=2025/26")[1]["count"] == 2


def test_it_will_not_enrol_another_centres_learner(api, world):  # type: ignore[no-untyped-def]
    body = {
        "learner": world.b.learner.pk,
        "qualification": world.qualification.pk,
        "academic_year": "2026/27",
        "start_date": "2026-09-07",
    }
    assert api("POST", "/enrolments", body)[0] == 404
    with scopes_disabled():
        assert Enrolment.objects.filter(learner=world.b.learner).count() == 1


def test_the_docs_page_loads_nothing_from_the_internet(client):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/learners", "/api/v1/learners/{id}", "/api/v1/enrolments"} <= set(spec["paths"])


def test_listing_learners_takes_the_same_queries_for_2_or_20(api, world, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    def add(count: int, start: int) -> None:
        for i in range(start, start + count):
            body = {
                "given_name": f"G{i}",
                "family_name": "Q",
                "date_of_birth": "2009-01-01",
                "enrolment_numbers": {"OCR": f"{i}"},
            }
            assert api("POST", "/learners", body)[0] == 201

    add(1, 0)
    with django_assert_max_num_queries(20) as two:
        assert api("GET", "/learners")[1]["count"] == 2
    limit = len(two.captured_queries)  # now: later requests reset the query log
    add(18, 1)
    with django_assert_max_num_queries(limit):
        assert api("GET", "/learners")[1]["count"] == 20
