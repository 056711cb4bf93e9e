from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.catalogue.models import Sector
from bridgework.employers.models import (
    Agreement,
    AgreementSignature,
    CheckKind,
    Employer,
    EmployerCheck,
    Interaction,
    Party,
)
from bridgework.employers.tests.conftest import make_employer, make_person

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name: str, world: Any, **kwargs: Any) -> str:
    return reverse(f"staff:{name}", kwargs={"centre": world.a.centre.number, **kwargs})


def _make_many(world: Any, n: int) -> None:
    sector = Sector.objects.first()
    with scopes_disabled():
        for i in range(n):
            e = make_employer(world.a.centre, f"Firm {i:02d} Ltd", postcode="LS1 4AP", relationship_owner=world.a.staff)
            e.sectors.add(sector)
            EmployerCheck.objects.create(
                centre=world.a.centre,
                employer=e,
                kind=CheckKind.ELCI,
                checked_on=date(2026, 1, 1),
                expires_on=date(2027, 1, 1),
            )


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_runs_a_fixed_number_of_queries(world: Any, count: int, django_assert_max_num_queries: Any) -> None:
    _make_many(world, count)
    client = _client(world.a.staff)
    with django_assert_max_num_queries(16):
        response = client.get(_url("employer_list", world))
    assert response.status_code == 200
    assert f"{count} employers" in response.content.decode()
    with django_assert_max_num_queries(17):
        response = client.get(_url("employer_list", world) + "?checks=missing&status=prospect")
    assert response.status_code == 200


def test_the_list_filters_and_searches(world: Any) -> None:
    _make_many(world, 3)
    with scopes_disabled():
        make_employer(world.a.centre, "Harbour Hotels plc", postcode="YO1 7HH", status="active")
        make_employer(world.b.centre, "Harbour Hotels plc")  # another centre: never listed
    client = _client(world.a.staff)
    body = client.get(_url("employer_list", world) + "?q=harbour").content.decode()
    assert "1 employer<" in body and "Harbour Hotels plc" in body
    body = client.get(_url("employer_list", world) + "?q=YO1 7HH").content.decode()
    assert "1 employer<" in body
    assert "1 employer<" in client.get(_url("employer_list", world) + "?status=active").content.decode()
    assert "3 employers" in client.get(_url("employer_list", world) + f"?owner={world.a.staff.pk}").content.decode()


def _employer_post(**extra: Any) -> dict[str, Any]:
    return {"legal_name": "Acme Precision Engineering Limited", "status": "prospect", "postcode": "ls1 4ap", **extra}


def test_an_invalid_companies_house_number_is_refused_and_nothing_is_saved(world: Any) -> None:
    response = _client(world.a.staff).post(_url("employer_create", world), _employer_post(company_number="12AB"))
    assert response.status_code == 200
    assert "Enter a Companies House number" in response.content.decode()
    with scopes_disabled():
        assert not Employer.objects.exists()


def test_creating_a_probable_duplicate_warns_and_offers_the_existing_record(world: Any, employer: Employer) -> None:
    client = _client(world.a.staff)
    response = client.post(_url("employer_create", world), _employer_post())
    body = response.content.decode()
    assert "This employer may already exist" in body
    assert _url("employer_detail", world, pk=employer.pk) in body
    with scopes_disabled():
        assert Employer.objects.count() == 1
    response = client.post(_url("employer_create", world), _employer_post(not_a_duplicate="on"))
    assert response.status_code == 302
    with scopes_disabled():
        created = Employer.objects.exclude(pk=employer.pk).get()
        assert created.sites.get().postcode == "LS1 4AP"


def test_an_upload_that_is_not_what_it_claims_is_refused(world: Any, employer: Employer) -> None:
    response = _client(world.a.staff).post(
        _url("employer_check_add", world, pk=employer.pk),
        {
            "kind": "elci",
            "checked_on": "2026-01-05",
            "expires_on": "2099-01-04",
            "insurer": "Aviva",
            "policy_number": "P-1",
            "certificate": SimpleUploadedFile("cert.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 40),
        },
    )
    assert "contents are not a PDF" in response.content.decode()
    with scopes_disabled():
        assert not EmployerCheck.objects.exists()


def test_a_check_with_an_expiry_in_the_past_is_refused(world: Any, employer: Employer) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    response = _client(world.a.staff).post(
        _url("employer_check_add", world, pk=employer.pk),
        {
            "kind": "elci",
            "checked_on": "2025-01-05",
            "expires_on": yesterday.isoformat(),
            "insurer": "Aviva",
            "policy_number": "P-1",
        },
    )
    assert "this check has expired" in response.content.decode()
    with scopes_disabled():
        assert not EmployerCheck.objects.exists()


def test_a_check_with_its_certificate_is_recorded_and_downloaded_as_an_attachment(
    world: Any, employer: Employer
) -> None:
    client = _client(world.a.staff)
    response = client.post(
        _url("employer_check_add", world, pk=employer.pk),
        {
            "kind": "elci",
            "checked_on": "2026-01-05",
            "expires_on": "2099-01-04",
            "insurer": "Aviva",
            "policy_number": "P-1",
            "certificate": SimpleUploadedFile("cert.pdf", b"%PDF-1.4 certificate"),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        check = EmployerCheck.objects.get()
    assert check.details == {"insurer": "Aviva", "policy_number": "P-1"}
    download = client.get(_url("employer_check_certificate", world, pk=employer.pk, check_pk=check.pk))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_detail_page_shows_one_timeline_for_all_departments(
    world: Any, employer: Employer, agreement: Agreement, django_assert_max_num_queries: Any
) -> None:
    from bridgework.activities.models import Activity

    with scopes_disabled():
        for i in range(5):
            Interaction.objects.create(
                centre=world.a.centre,
                employer=employer,
                occurred_on=date(2026, 1, 1 + i),
                channel="phone",
                staff=world.a.admin,
                subject=f"Call {i}",
                department=world.a.department,
            )
        Activity.objects.create(
            centre=world.a.centre,
            title="CNC master class",
            type="master_class",
            academic_year="2025/26",
            employer=employer,
        )
    client = _client(world.a.staff)
    with django_assert_max_num_queries(40):
        body = client.get(_url("employer_detail", world, pk=employer.pk)).content.decode()
    for text in ("Contact: Call 4", "Activity: CNC master class", "Agreement: Work placement", "moj-timeline"):
        assert text in body


def test_the_centre_signs_through_its_page_and_a_superseded_version_cannot_be_signed(
    world: Any, agreement: Agreement
) -> None:
    from bridgework.employers.services.agreements import new_version

    client = _client(world.a.staff)
    url = _url("agreement_detail", world, pk=agreement.employer_id, agreement_pk=agreement.pk)
    assert client.post(url, {"typed_name": "Sid Alpha"}).status_code == 302
    response = client.post(url, {"typed_name": "Sid Alpha"})
    assert "centre has already signed" in response.content.decode()
    with scopes_disabled():
        new_version(agreement, created_by=world.a.staff, title="Changed")
    response = _client(world.a.admin).post(url, {"typed_name": "Ada"})
    assert "replaced by a newer version" in response.content.decode()
    with scopes_disabled():
        assert AgreementSignature.objects.count() == 1


def test_the_learner_and_the_employer_contact_sign_in_their_own_areas(world: Any, agreement: Agreement) -> None:
    learner_url = reverse("learner:agreement_detail", kwargs={"pk": agreement.pk})
    portal_url = reverse("portal:agreement_detail", kwargs={"pk": agreement.pk})
    learner = _client(world.a.learner_user)
    assert learner.post(learner_url, {"typed_name": "Lee Alpha"}, REMOTE_ADDR="192.0.2.7").status_code == 302
    # Another employer contact at the same centre is not this agreement's contact: 404.
    with scopes_disabled():
        other_person = make_person(make_employer(world.a.centre, "Other Ltd"), "Oz", "Other")
        Agreement.objects.filter(pk=agreement.pk).update(employer_contact=other_person)
    assert _client(world.a.employer_user).get(portal_url).status_code == 404
    with scopes_disabled():
        Agreement.objects.filter(pk=agreement.pk).update(employer_contact=agreement.employer_contact)
    assert _client(world.a.employer_user).post(portal_url, {"typed_name": "Priya Nair"}).status_code == 302
    with scopes_disabled():
        signatures = {s.party: s for s in AgreementSignature.objects.all()}
    assert signatures[Party.LEARNER].ip_address == "192.0.2.7"
    assert set(signatures) == {Party.LEARNER, Party.EMPLOYER}
    # The learner withdraws consent from their own page.
    learner.post(learner_url, {"action": "withdraw"})
    with scopes_disabled():
        assert Agreement.objects.get(pk=agreement.pk).consent_withdrawn_at is not None


def test_the_expiring_checks_page_lists_what_needs_renewal(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        EmployerCheck.objects.create(
            centre=world.a.centre,
            employer=employer,
            kind=CheckKind.ELCI,
            checked_on=date(2025, 1, 1),
            expires_on=timezone.localdate() + timedelta(days=5),
        )
    body = _client(world.a.staff).get(_url("employer_checks_expiring", world)).content.decode()
    assert employer.legal_name in body and "Expiring soon" in body


def test_a_practitioner_who_moves_keeps_one_record_linked_to_both_employers(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        previous = make_employer(world.a.centre, "Old Works Ltd")
        person = make_person(previous, "Dave", "Hutchinson", is_practitioner=True)
    response = _client(world.a.staff).post(
        _url("employer_person_link", world, pk=employer.pk),
        {"person": person.pk, "job_title": "Workshop lead", "started_on": "2026-02-01", "left_previous": "on"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        links = {a.employer_id: a for a in person.affiliations.all()}
    assert links[previous.pk].ended_on == date(2026, 1, 31)
    assert links[employer.pk].ended_on is None and links[employer.pk].job_title == "Workshop lead"


def test_the_employer_page_says_which_activities_can_be_confirmed(world: Any, employer: Employer) -> None:
    body = _client(world.a.staff).get(_url("employer_detail", world, pk=employer.pk)).content.decode()
    assert "Can activities here be confirmed?" in body
    assert "No: Employers&#x27; liability insurance: not recorded." in body


def test_changing_an_agreement_through_its_page_creates_a_new_version(world: Any, agreement: Agreement) -> None:
    client = _client(world.a.staff)
    url = _url("agreement_new_version", world, pk=agreement.employer_id, agreement_pk=agreement.pk)
    form = client.get(url)
    assert "creates version 2" in form.content.decode()
    data = {
        "employer_contact": agreement.employer_contact_id,
        "title": agreement.title,
        "objectives": "Learn CNC setup and programming",
        "learning_outcomes": agreement.learning_outcomes,
        "methods": agreement.methods,
        "protocols": agreement.protocols,
        "data_shared": agreement.data_shared,
        "data_sharing_purpose": agreement.data_sharing_purpose,
        "starts_on": "2026-01-05",
        "ends_on": "2026-07-17",
    }
    assert client.post(url, {**data, "ends_on": "2025-01-01"}).status_code == 200  # ends before it starts
    response = client.post(url, data)
    assert response.status_code == 302
    with scopes_disabled():
        v2 = Agreement.objects.get(version=2)
        assert v2.previous_id == agreement.pk and v2.objectives == "Learn CNC setup and programming"
        assert Agreement.objects.get(pk=agreement.pk).superseded_at is not None


def test_an_admin_merges_a_duplicate_from_its_page(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        duplicate = make_employer(world.a.centre, "ACME Precision Engineering", postcode="LS1 4AP")
    client = _client(world.a.admin)
    url = _url("employer_merge", world, pk=duplicate.pk)
    assert f'value="{employer.pk}" selected' in client.get(url).content.decode()  # suggested
    assert "check" in client.post(url, {"target": employer.pk}).content.decode()  # confirmation needed
    response = client.post(url, {"target": employer.pk, "confirm": "on"})
    assert response.status_code == 302
    with scopes_disabled():
        duplicate.refresh_from_db()
        assert duplicate.merged_into_id == employer.pk and employer.sites.count() == 2


def test_allowing_the_portal_links_the_employer_contacts_account(world: Any, employer: Employer) -> None:
    with scopes_disabled():
        person = make_person(employer, "Em", "Alpha", email=world.a.employer_user.email.upper())
    url = _url("employer_person_edit", world, pk=employer.pk, person_pk=person.pk)
    data = {"given_name": "Em", "family_name": "Alpha", "email": world.a.employer_user.email, "is_contact": "on"}
    client = _client(world.a.staff)
    assert client.post(url, {**data, "may_use_portal": "on"}).status_code == 302
    with scopes_disabled():
        person.refresh_from_db()
    assert person.user_id == world.a.employer_user.pk
    client.post(url, data)  # portal access removed: unlinked at once
    with scopes_disabled():
        person.refresh_from_db()
    assert person.user_id is None
    # A practitioner needs a reason they are suitable.
    response = client.post(url, {**data, "is_practitioner": "on"})
    assert "Say why this practitioner is suitable" in response.content.decode()


def test_the_employer_reference_number_is_nine_digits(world: Any) -> None:
    from django.test import Client
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from bridgework.employers.models import Employer

    client = Client()
    client.force_login(world.a.staff)
    url = reverse("staff:employer_create", kwargs={"centre": world.a.centre.number})
    data = {"legal_name": "Ern Testers Ltd", "status": "prospect", "ern": "12345"}
    page = client.post(url, data).content.decode()
    assert "Enter an Employer Reference Number of 9 digits" in page
    with scopes_disabled():
        assert not Employer.objects.filter(legal_name="Ern Testers Ltd").exists()
    assert client.post(url, data | {"ern": "123456789"}).status_code == 302
    with scopes_disabled():
        assert Employer.objects.get(legal_name="Ern Testers Ltd").ern == "123456789"
