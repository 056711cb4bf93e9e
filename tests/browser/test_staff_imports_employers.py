"""Journey: a member of staff imports an employer list; the preview warns about a row that looks like an
employer the centre already has, and the import still goes ahead."""

from __future__ import annotations

from typing import Any

from bridgework.imports.tests.helpers import csv_file
from tests.browser.conftest import assert_accessible, sign_in

HEADERS = ["Employer name", "Sector", "Postcode"]


def test_staff_import_employers_with_a_look_alike_warning(
    page: Any, live_server: Any, browser_world: Any, tmp_path: Any
) -> None:
    from django_scopes import scopes_disabled

    from bridgework.catalogue.models import Sector
    from bridgework.employers.tests.conftest import make_employer

    world = browser_world
    with scopes_disabled():
        Sector.objects.get_or_create(name="Engineering")
        make_employer(world.a.centre, "Acme Precision Engineering Ltd", postcode="LS1 4AP")
    rows = [
        {"Employer name": "Acme Precision Engineering Limited", "Sector": "Engineering", "Postcode": "LS6 2AB"},
        {"Employer name": "Kirkstall Bakery", "Sector": "", "Postcode": "LS5 3BT"},
    ]
    (tmp_path / "employers.csv").write_bytes(csv_file(rows, headers=HEADERS))

    sign_in(page, live_server, world.a.staff)
    page.goto(f"{live_server.url}/c/{world.a.centre.number}/imports/new/")
    page.get_by_label("Employers (CSV or Excel)").check()
    page.set_input_files("input[type=file]", str(tmp_path / "employers.csv"))
    page.get_by_role("button", name="Upload and continue").click()
    assert page.locator("h1").inner_text() == "Match the columns"
    assert page.locator("select[name=name]").input_value() == "Employer name"
    assert_accessible(page, label="employer column mapping")
    page.get_by_role("button", name="Check the file").click()
    assert page.locator("h2", has_text="What the import will do").count() == 1
    assert page.locator("h2", has_text="Rows to check").count() == 1
    assert "Looks like Acme Precision Engineering Ltd" in page.locator("table").inner_text()
    assert_accessible(page, label="employer import preview with warnings")
    page.get_by_role("button", name="Import", exact=True).click()
    assert page.locator("h2", has_text="What was imported").count() == 1
    assert_accessible(page, label="employer import result")
    page.get_by_role("link", name="See the employers").click()
    assert "Kirkstall Bakery" in page.content()
