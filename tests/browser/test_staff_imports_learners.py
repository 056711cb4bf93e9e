"""Journey: a member of staff imports the MIS export, sees every problem in a bad file, then imports a good one."""

from __future__ import annotations

from typing import Any

from bridgework.imports.tests.helpers import csv_file, learner_row
from tests.browser.conftest import assert_accessible, sign_in


def test_staff_import_learners_from_a_spreadsheet(
    page: Any, live_server: Any, browser_world: Any, tmp_path: Any
) -> None:
    world = browser_world
    bad_rows = [learner_row(1), learner_row(2, DOB="12/31/2009")]
    (tmp_path / "bad.csv").write_bytes(csv_file(bad_rows))
    (tmp_path / "good.csv").write_bytes(csv_file([learner_row(1), learner_row(2)]))

    sign_in(page, live_server, world.a.staff)
    page.get_by_role("link", name="Imports", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Imports"
    assert_accessible(page, label="imports list (empty)")

    page.get_by_role("link", name="Import a file").click()
    assert_accessible(page, label="upload page")
    page.set_input_files("input[type=file]", str(tmp_path / "bad.csv"))
    page.get_by_role("button", name="Upload and continue").click()
    assert page.locator("h1").inner_text() == "Match the columns"
    assert page.locator("select[name=mis_ref]").input_value() == "Student ID"
    assert_accessible(page, label="column mapping")
    page.get_by_role("button", name="Check the file").click()
    assert "There is a problem with this file" in page.locator(".govuk-error-summary").inner_text()
    problem = page.locator("tbody tr").first.inner_text()
    assert "3" in problem and "US order" in problem
    assert_accessible(page, label="import errors")

    page.get_by_role("link", name="Upload a corrected file").click()
    page.set_input_files("input[type=file]", str(tmp_path / "good.csv"))
    page.get_by_role("button", name="Upload and continue").click()
    assert page.locator(".govuk-inset-text").count() == 1  # the centre's mapping was remembered
    page.get_by_role("button", name="Check the file").click()
    assert page.locator("h2", has_text="What the import will do").count() == 1
    assert_accessible(page, label="import preview")
    page.get_by_role("button", name="Import", exact=True).click()
    assert page.locator("h2", has_text="What was imported").count() == 1
    assert_accessible(page, label="import result")

    page.get_by_role("link", name="Imports", exact=True).first.click()
    assert page.locator("tbody tr").count() == 2
    assert_accessible(page, label="imports list")
    page.get_by_role("link", name="Learners", exact=True).first.click()
    assert "Given1" in page.content()
    assert_accessible(page, label="learner list with export links")
