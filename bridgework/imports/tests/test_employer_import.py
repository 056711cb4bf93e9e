"""Employers imported from a spreadsheet: upsert by name and postcode, look-alikes warned about, idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.catalogue.models import Sector
from bridgework.employers.models import Employer, EmployerSite
from bridgework.employers.tests.conftest import make_employer
from bridgework.imports.models import ImportState
from bridgework.imports.tests.helpers import check, csv_file, run_import, upload, xlsx_file

pytestmark = pytest.mark.django_db
HEADERS = ["Employer name", "Sector", "Postcode", "Website", "Address", "Town", "Notes"]


@pytest.fixture
def sectors(world: Any) -> list[str]:
    return [Sector.objects.get_or_create(name=name)[0].name for name in ("Engineering", "Hair & Beauty", "IT")]


def _row(name: str, postcode: str = "LS1 4AP", **extra: str) -> dict[str, str]:
    row = dict.fromkeys(HEADERS, "")
    row.update({"Employer name": name, "Postcode": postcode, **extra})
    return row


def _good_rows() -> list[dict[str, str]]:
    return [
        _row("Northern Rail Engineering Ltd", "ls14ap", Sector="engineering; IT", Website="northernrail.example"),
        _row("Salon Seven", "M1 1AE", Sector="Hair & Beauty", Address="7 King Street", Town="Manchester"),
        _row("Brightwire Electrical", "", Notes="Met at the careers fair.\nKeen to host placements."),
    ]


def _employers(world: Any) -> dict[str, tuple[Any, ...]]:
    with scopes_disabled():
        return {
            e.legal_name: (
                e.website,
                e.notes,
                tuple(sorted(s.name for s in e.sectors.all())),
                tuple((s.postcode, s.address, s.town, s.is_primary) for s in e.sites.all()),
            )
            for e in Employer.objects.filter(centre=world.a.centre).prefetch_related("sectors", "sites")
        }


def test_it_imports_employers_and_a_second_run_changes_nothing(world: Any, sectors: list[str]) -> None:
    data = csv_file(_good_rows(), headers=HEADERS)
    first = run_import(world.a.centre, world.a.admin, data, name="employers.csv", kind="employers")
    assert first.state == ImportState.DONE, first.errors
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    assert first.summary["sites_added"] == 2 and first.warnings == []
    assert _employers(world) == {
        "Northern Rail Engineering Ltd": (
            "https://northernrail.example",
            "",
            ("Engineering", "IT"),
            (("LS1 4AP", "", "", True),),
        ),
        "Salon Seven": ("", "", ("Hair & Beauty",), (("M1 1AE", "7 King Street", "Manchester", True),)),
        "Brightwire Electrical": ("", "Met at the careers fair.\nKeen to host placements.", (), ()),
    }
    with scopes_disabled():
        # Written by the employers' services: the employer and its site are in the audit log.
        assert LogEntry.objects.get_for_objects(Employer.objects.filter(centre=world.a.centre)).count() >= 3
        assert LogEntry.objects.get_for_objects(EmployerSite.objects.filter(centre=world.a.centre)).count() == 2
    before = _employers(world)

    second = run_import(world.a.centre, world.a.admin, data, name="employers.csv", kind="employers")
    assert (second.state, second.created, second.updated, second.unchanged) == (ImportState.DONE, 0, 0, 3)
    assert second.warnings == []
    assert _employers(world) == before


def test_it_imports_an_xlsx_employer_list(world: Any, sectors: list[str]) -> None:
    rows = [["Acme Precision Engineering Ltd", "Engineering", "LS1 4AP", "", "1 Mill Lane", "Leeds", ""]]
    data = xlsx_file(rows, HEADERS)
    job = run_import(world.a.centre, world.a.admin, data, name="employers.xlsx", kind="employers")
    assert (job.state, job.created) == (ImportState.DONE, 1), job.errors
    again = run_import(world.a.centre, world.a.admin, data, name="employers.xlsx", kind="employers")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_a_name_and_postcode_match_updates_and_blank_cells_erase_nothing(world: Any, sectors: list[str]) -> None:
    with scopes_disabled():
        acme = make_employer(world.a.centre, "Acme Precision Engineering Ltd", postcode="LS1 4AP", notes="Old note")
        make_employer(world.a.centre, "Harbour Hotels Group plc", postcode="LS2 7EY", website="https://harbour.example")
    rows = [
        _row("ACME Precision Engineering Ltd", "LS1 4AP", Sector="Engineering", Town="Leeds"),
        _row("Harbour Hotels Group plc", "LS2 7EY"),  # nothing new: unchanged
    ]
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="e.csv", kind="employers")
    assert (job.state, job.created, job.updated, job.unchanged) == (ImportState.DONE, 0, 1, 1), job.errors
    held = _employers(world)
    assert held[acme.legal_name] == ("", "Old note", ("Engineering",), (("LS1 4AP", "", "Leeds", False),))
    assert held["Harbour Hotels Group plc"][0] == "https://harbour.example"


def test_it_writes_nothing_when_one_row_is_bad_and_names_the_row_and_column(world: Any, sectors: list[str]) -> None:
    rows = _good_rows()
    rows[1]["Postcode"] = "M1 1AEX"  # spreadsheet row 3 (the headings are row 1)
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="e.csv", kind="employers")
    assert job.state == ImportState.INVALID
    assert job.errors == [
        {
            "row": 3,
            "column": "Postcode",
            "message": "“M1 1AEX” is not a UK postcode. Write it like LS1 4AP.",
            "value": "M1 1AEX",
        }
    ]
    assert _employers(world) == {}


def test_it_reports_every_problem_with_its_row_and_column(world: Any, sectors: list[str]) -> None:
    with scopes_disabled():
        make_employer(world.a.centre, "Twin Firm", postcode="LS1 4AP")
        make_employer(world.a.centre, "Twin Firm", postcode="LS1 4AP")
    rows = [
        _row("Good Firm"),  # 2 fine
        _row("good  firm"),  # 3 the same name and postcode as row 2
        _row(""),  # 4 no name
        _row("Sector Firm", Sector="Engineering; Plumbing"),  # 5 unknown sector
        _row("Web Firm", Website="not a website"),  # 6
        _row("Address Firm", "", Address="1 High Street"),  # 7 an address without a postcode
        _row("Twin Firm"),  # 8 two employers hold this name and postcode
        _row("Town Firm", "", Town="Leeds"),  # 9 a town without a postcode (it would be lost)
    ]
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="e.csv", kind="employers")
    assert job.state == ImportState.INVALID
    found = {(e["row"], e["column"].split(" (")[0]): e["message"] for e in job.errors}
    assert set(found) == {
        (3, "Name"),
        (4, "Name"),
        (5, "Sectors"),
        (6, "Website"),
        (7, "Address"),
        (8, "Name"),
        (9, "Town"),
    }
    assert found[(9, "Town")].startswith("A town needs the postcode on the same row")
    assert found[(3, "Name")] == "Duplicate of row 2: the same employer name and postcode."
    assert found[(4, "Name")] == "Enter the employer's name."
    assert found[(5, "Sectors")].startswith("“Plumbing” is not a sector in the catalogue. The sectors are:")
    assert found[(7, "Address")].startswith("An address needs the postcode on the same row")
    assert found[(8, "Name")].startswith("2 employers at this centre have this name and postcode: merge them")


def test_look_alikes_are_warnings_shown_in_the_preview_and_do_not_stop_the_import(
    world: Any, sectors: list[str]
) -> None:
    with scopes_disabled():
        make_employer(world.a.centre, "Acme Precision Engineering Ltd", postcode="LS1 4AP", company_number="01234567")
    rows = [
        _row("Acme Precision Engineering Limited", "LS6 2AB"),  # 2 like the existing employer, elsewhere
        _row("Totally Different Co", "M1 1AE"),  # 3 fine
        _row("Totally Different Company", "M1 1AE"),  # 4 like row 3
    ]
    job = upload(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), kind="employers")
    client = Client()
    client.force_login(world.a.staff)
    detail = reverse("staff:import_detail", kwargs={"centre": world.a.centre.number, "pk": job.pk})
    mapping = reverse("staff:import_mapping", kwargs={"centre": world.a.centre.number, "pk": job.pk})
    assert client.post(mapping, job.mapping).status_code == 302
    job.refresh_from_db()
    assert (job.state, job.created, job.errors) == (ImportState.READY, 3, [])
    name_column = "Name (column “Employer name”)"
    assert [(w["row"], w["column"]) for w in job.warnings] == [(2, name_column), (4, name_column)]
    assert job.warnings[0]["message"].startswith(
        "Looks like Acme Precision Engineering Ltd, already at this centre (a very similar name)."
    )
    assert job.warnings[1]["message"].startswith(
        "Looks like row 3 (Totally Different Co): a very similar name; the same postcode (M11AE)."
    )
    page = client.get(detail).content.decode()
    assert "Rows to check" in page and "Looks like Acme Precision Engineering Ltd" in page
    assert "They do not stop the import" in page

    response = client.post(reverse("staff:import_confirm", kwargs={"centre": world.a.centre.number, "pk": job.pk}))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.created) == (ImportState.DONE, 3)
    assert len(_employers(world)) == 4


def test_the_upload_page_offers_the_new_kinds(world: Any) -> None:
    client = Client()
    client.force_login(world.a.staff)
    page = client.get(reverse("staff:import_upload", kwargs={"centre": world.a.centre.number})).content.decode()
    assert 'value="registers"' in page and 'value="employers"' in page


def _check_queries(world: Any, data: bytes) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    job = upload(world.a.centre, world.a.admin, data, name="e.csv", kind="employers")
    with CaptureQueriesContext(connection) as queries:
        check(job)
    assert job.state == ImportState.READY, job.errors
    return len(queries)


def test_checking_a_file_takes_the_same_queries_whatever_its_length(world: Any, sectors: list[str]) -> None:
    with scopes_disabled():
        for i in range(5):
            make_employer(world.a.centre, f"Held Employer {i}", postcode="LS1 4AP")
    few = [_row(f"Firm number {i}", Sector="IT") for i in range(3)]
    many = [_row(f"Firm number {i}", Sector="IT") for i in range(30)]
    _check_queries(world, csv_file(few, headers=HEADERS))  # the first check also saves the column mapping
    assert _check_queries(world, csv_file(few, headers=HEADERS)) == _check_queries(world, csv_file(many, HEADERS))


def test_the_employer_reference_number_is_imported_and_checked(world: Any, sectors: list[str]) -> None:
    headers = [*HEADERS, "ERN"]
    rows = [_row("Salon Seven", "M1 1AE", ERN="123 456 789"), _row("Brightwire Electrical", "", ERN="12345")]
    bad = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=headers), name="e.csv", kind="employers")
    assert bad.state == ImportState.INVALID
    assert [(e["row"], e["column"]) for e in bad.errors] == [(3, "Employer Reference Number (ERN) (column “ERN”)")]
    assert "9 digits" in bad.errors[0]["message"]
    with scopes_disabled():
        assert not Employer.objects.filter(centre=world.a.centre).exists()
    rows[1]["ERN"] = ""
    good = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=headers), name="e.csv", kind="employers")
    assert good.state == ImportState.DONE, good.errors
    with scopes_disabled():
        assert Employer.objects.get(centre=world.a.centre, legal_name="Salon Seven").ern == "123456789"


def test_two_rows_for_two_sites_of_one_employer_are_refused_not_merged_silently(world: Any, sectors: list[str]) -> None:
    with scopes_disabled():
        held = make_employer(world.a.centre, "Two Sites Ltd", postcode="LS1 4AP")
        EmployerSite.objects.create(centre=world.a.centre, employer=held, name="Depot", postcode="M1 1AE")
    rows = [
        _row("Two Sites Ltd", "LS1 4AP", Website="one.example"),
        _row("Two Sites Ltd", "M1 1AE", Website="two.example"),
    ]
    job = run_import(world.a.centre, world.a.admin, csv_file(rows, headers=HEADERS), name="e.csv", kind="employers")
    assert job.state == ImportState.INVALID
    assert [(e["row"], e["message"].split(" (")[0]) for e in job.errors] == [(3, "Row 2 also updates this employer")]
    with scopes_disabled():
        held.refresh_from_db()
        assert held.website == ""
