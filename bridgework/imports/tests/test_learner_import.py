from __future__ import annotations

import time

import pytest
from django_scopes import scopes_disabled

from bridgework.imports.models import ColumnMapping, ImportState
from bridgework.imports.tests.helpers import HEADERS, check, csv_file, learner_row, run_import, upload
from bridgework.learners.models import Enrolment, Learner, LearnerAwardingNumber

pytestmark = pytest.mark.django_db


def _counts(centre) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        return (
            Learner.objects.filter(centre=centre).count(),
            Enrolment.objects.filter(centre=centre).count(),
            LearnerAwardingNumber.objects.filter(centre=centre).count(),
        )


def test_it_imports_10000_rows_and_a_second_run_changes_nothing(world, settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.IMPORT_BACKGROUND_ROWS = 100_000  # this test measures the import itself, in the request
    data = csv_file(learner_row(i) for i in range(10_000))
    started = time.perf_counter()
    first = run_import(world.a.centre, world.a.admin, data)
    first_seconds = time.perf_counter() - started
    assert first.state == ImportState.DONE, first.errors[:3]
    assert (first.created, first.updated, first.unchanged) == (10_000, 0, 0)
    before = _counts(world.a.centre)
    assert before == (10_001, 10_001, 10_000)  # plus the world's own learner and enrolment

    started = time.perf_counter()
    second = run_import(world.a.centre, world.a.admin, data)
    second_seconds = time.perf_counter() - started
    assert second.state == ImportState.DONE
    assert (second.created, second.updated, second.unchanged) == (0, 0, 10_000)
    assert second.summary["enrolments_created"] == 0 and second.summary["numbers_set"] == 0
    assert _counts(world.a.centre) == before
    print(f"10,000 rows: first import {first_seconds:.1f}s, second {second_seconds:.1f}s")


def test_it_writes_nothing_when_one_row_is_bad_and_names_the_row_and_column(world):  # type: ignore[no-untyped-def]
    rows = [learner_row(i) for i in range(20)]
    rows[6]["ULN"] = "9276308687"  # fails the check digit; spreadsheet row 8 (heading is row 1)
    before = _counts(world.a.centre)
    job = run_import(world.a.centre, world.a.admin, csv_file(rows))
    assert job.state == ImportState.INVALID
    assert _counts(world.a.centre) == before
    assert job.errors == [
        {
            "row": 8,
            "column": "ULN",
            "message": "This ULN fails its check digit. Check it with the learner, or leave it blank if unknown.",
            "value": "9276308687",
        }
    ]


def test_it_reports_every_error_with_its_row(world):  # type: ignore[no-untyped-def]
    rows = [learner_row(i) for i in range(6)]
    rows[0]["DOB"] = "12/31/2009"  # US order
    rows[1]["DOB"] = "01/02/09"  # two-digit year
    rows[2]["QAN"] = "999/9999/9"  # not in the catalogue
    rows[3]["Academic year"] = "2025/27"
    rows.append(dict(rows[5]))  # a duplicate row
    job = run_import(world.a.centre, world.a.admin, csv_file(rows))
    assert job.state == ImportState.INVALID
    found = {(e["row"], e["column"].split(" (")[0]) for e in job.errors}
    assert found == {
        (2, "Date of birth"),
        (3, "Date of birth"),
        (4, "Qualification"),
        (5, "Academic year"),
        (8, "Qualification"),
    }
    messages = {e["row"]: e["message"] for e in job.errors}
    assert "US order" in messages[2]
    assert "two-digit year" in messages[3]
    assert "No qualification in the catalogue" in messages[4]
    assert messages[8].startswith("Duplicate of row 7")


def test_it_updates_changed_learners_and_leaves_the_rest(world):  # type: ignore[no-untyped-def]
    rows = [learner_row(i) for i in range(5)]
    run_import(world.a.centre, world.a.admin, csv_file(rows))
    rows[1]["Surname"] = "Married-Name"
    rows[2]["Start date"] = "15/09/2025"
    job = run_import(world.a.centre, world.a.admin, csv_file(rows))
    assert (job.created, job.updated, job.unchanged) == (0, 2, 3)
    with scopes_disabled():
        assert Learner.objects.get(centre=world.a.centre, mis_ref="T000001").family_name == "Married-Name"


def test_it_matches_by_uln_when_the_mis_reference_is_new(world):  # type: ignore[no-untyped-def]
    row = learner_row(1)
    run_import(world.a.centre, world.a.admin, csv_file([row]))
    job = run_import(world.a.centre, world.a.admin, csv_file([{**row, "Student ID": "NEW001"}]))
    assert (job.created, job.updated) == (0, 1)
    with scopes_disabled():
        assert Learner.objects.get(centre=world.a.centre, uln=row["ULN"]).mis_ref == "NEW001"


def test_it_refuses_a_uln_held_by_another_learner(world):  # type: ignore[no-untyped-def]
    run_import(world.a.centre, world.a.admin, csv_file([learner_row(1), learner_row(2)]))
    clash = learner_row(2, ULN=learner_row(1)["ULN"])  # learner 2's MIS reference with learner 1's ULN
    job = run_import(world.a.centre, world.a.admin, csv_file([clash]))
    assert job.state == ImportState.INVALID
    assert job.errors[0]["message"].startswith("Another learner at this centre already has ULN")


def test_it_keeps_centres_apart(world):  # type: ignore[no-untyped-def]
    run_import(world.a.centre, world.a.admin, csv_file([learner_row(1)]))
    job = run_import(world.b.centre, world.b.admin, csv_file([learner_row(1)]))
    assert (job.state, job.created) == (ImportState.DONE, 1)


def test_it_remembers_the_mapping_for_the_centre(world):  # type: ignore[no-untyped-def]
    headers = ["Ref", "First", "Last", "Born", "QAN", "Start date"]
    rows = [
        {
            "Ref": "X1",
            "First": "Ann",
            "Last": "Lee",
            "Born": "2009-01-31",
            "QAN": "60173075",
            "Start date": "2025-09-08",
        }
    ]
    data = csv_file(rows, headers=headers, delimiter=";")
    job = upload(world.a.centre, world.a.admin, data)
    assert "mis_ref" not in job.mapping and job.mapping["qualification"] == "QAN"
    mapping = {**job.mapping, "mis_ref": "Ref", "given_name": "First", "family_name": "Last", "date_of_birth": "Born"}
    job = check(job, mapping)
    assert job.state == ImportState.READY, job.errors
    with scopes_disabled():
        assert ColumnMapping.objects.get(centre=world.a.centre, kind="learners").mapping["mis_ref"] == "Ref"
    again = upload(world.a.centre, world.a.admin, data)
    assert again.mapping == mapping
    other_centre = upload(world.b.centre, world.b.admin, data)
    assert "mis_ref" not in other_centre.mapping


def test_it_requires_a_column_to_match_learners_by(world):  # type: ignore[no-untyped-def]
    from bridgework.core.tenancy import centre_scope
    from bridgework.imports import services

    job = upload(world.a.centre, world.a.admin, csv_file([learner_row(1)]))
    with centre_scope(world.a.centre.pk):
        problems = services.save_mapping(job, {k: v for k, v in job.mapping.items() if k not in ("mis_ref", "uln")})
    assert "MIS reference or the ULN" in problems["mis_ref"]


def test_headers_are_suggested_from_the_export_names(world):  # type: ignore[no-untyped-def]
    job = upload(world.a.centre, world.a.admin, csv_file([learner_row(1)]))
    assert job.mapping == {
        "mis_ref": "Student ID",
        "given_name": "Forename",
        "family_name": "Surname",
        "date_of_birth": "DOB",
        "uln": "ULN",
        "ehc_plan": "EHC",
        "qualification": "QAN",
        "academic_year": "Academic year",
        "start_date": "Start date",
        "ao_number": "Candidate number",
    }
    assert HEADERS
