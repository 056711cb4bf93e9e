"""The import pages, as a member of staff uses them: upload → match columns → check → import → result."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.imports.models import ImportJob, ImportState
from bridgework.imports.tests.helpers import csv_file, learner_row, upload
from bridgework.learners.models import Learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.a.staff)
    return client


def _url(world, name: str, **kwargs: object) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"staff:{name}", kwargs={"centre": world.a.centre.number, **kwargs})


def test_it_walks_from_upload_to_result(world, staff):  # type: ignore[no-untyped-def]
    data = csv_file([learner_row(1), learner_row(2)])
    response = staff.post(
        _url(world, "import_upload"), {"kind": "learners", "file": SimpleUploadedFile("mis.csv", data)}
    )
    with scopes_disabled():
        job = ImportJob.objects.get(centre=world.a.centre)
    assert response.status_code == 302 and response["Location"] == _url(world, "import_mapping", pk=job.pk)

    page = staff.get(response["Location"]).content.decode()
    assert '<option value="Student ID" selected>' in page  # matched by heading name

    response = staff.post(_url(world, "import_mapping", pk=job.pk), job.mapping)
    assert response["Location"] == _url(world, "import_detail", pk=job.pk)
    page = staff.get(response["Location"]).content.decode()
    assert "What the import will do" in page and "Import</button>" in page
    with scopes_disabled():
        assert not Learner.objects.filter(mis_ref="T000001").exists()  # the preview writes nothing

    response = staff.post(_url(world, "import_confirm", pk=job.pk))
    page = staff.get(response["Location"]).content.decode()
    assert "What was imported" in page
    job.refresh_from_db()
    assert (job.state, job.created) == (ImportState.DONE, 2)
    assert "mis.csv" in staff.get(_url(world, "import_list")).content.decode()


def test_the_upload_page_explains_a_refused_file(world, staff):  # type: ignore[no-untyped-def]
    response = staff.post(
        _url(world, "import_upload"),
        {"kind": "learners", "file": SimpleUploadedFile("mis.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Import a file" in page
    assert "but contains image/png data" in page


def test_the_preview_lists_every_error_by_row(world, staff):  # type: ignore[no-untyped-def]
    rows = [learner_row(i) for i in range(3)]
    rows[1]["DOB"] = "31/02/2009"
    job = upload(world.a.centre, world.a.admin, csv_file(rows))
    staff.post(_url(world, "import_mapping", pk=job.pk), job.mapping)
    page = staff.get(_url(world, "import_detail", pk=job.pk)).content.decode()
    assert "Error: Import of learners.csv" in page
    assert "1 problem found. Nothing has been imported." in page
    assert '<td class="govuk-table__cell">3</td>' in page and "is not a real date" in page


def test_a_mapping_without_required_columns_is_refused(world, staff):  # type: ignore[no-untyped-def]
    job = upload(world.a.centre, world.a.admin, csv_file([learner_row(1)]))
    response = staff.post(_url(world, "import_mapping", pk=job.pk), {"mis_ref": "Student ID"})
    assert response.status_code == 200
    assert "Choose the column that holds the given name." in response.content.decode()


def test_the_list_of_imports_takes_the_same_queries_for_2_or_20(world, staff, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    def make(n: int) -> None:
        for _ in range(n):
            upload(world.a.centre, world.a.admin, csv_file([learner_row(1)]))

    make(2)
    with django_assert_max_num_queries(12) as two:
        assert staff.get(_url(world, "import_list")).status_code == 200
    limit = len(two.captured_queries)  # now: later requests reset the query log
    make(18)
    with django_assert_max_num_queries(limit):
        assert staff.get(_url(world, "import_list")).status_code == 200


def test_the_learner_export_neutralises_formulas(world, staff):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        Learner.objects.filter(pk=world.a.learner.pk).update(given_name='=HYPERLINK("http://x","y")')
    response = staff.get(_url(world, "learner_export", file_format="csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("MIS reference,Given name,Family name,Date of birth")
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in text
    assert world.b.learner.family_name not in text  # only this centre's learners
    response = staff.get(_url(world, "learner_export", file_format="xlsx"))
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_an_export_imports_back_unchanged(world, staff):  # type: ignore[no-untyped-def]
    first = upload(world.a.centre, world.a.admin, csv_file([learner_row(i) for i in range(5)]))
    staff.post(_url(world, "import_mapping", pk=first.pk), first.mapping)
    staff.post(_url(world, "import_confirm", pk=first.pk))
    exported = staff.get(_url(world, "learner_export", file_format="xlsx")).content
    job = upload(world.a.centre, world.a.admin, exported, name="export.xlsx")
    assert job.mapping["ao_number"] == "Candidate or enrolment number"
    staff.post(_url(world, "import_mapping", pk=job.pk), job.mapping)
    job.refresh_from_db()
    assert (job.state, job.created, job.updated, job.unchanged) == (ImportState.READY, 0, 0, 6), job.errors


def test_the_export_takes_the_same_queries_for_2_or_20_learners(world, staff, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    from bridgework.imports.tests.helpers import run_import

    run_import(world.a.centre, world.a.admin, csv_file([learner_row(1)]))
    url = _url(world, "learner_export", file_format="csv")
    with django_assert_max_num_queries(20) as two:
        assert staff.get(url).content.decode("utf-8-sig").count("\n") == 3  # heading + 2 learners
    limit = len(two.captured_queries)  # now: later requests reset the query log
    run_import(world.a.centre, world.a.admin, csv_file([learner_row(i) for i in range(2, 20)]))
    with django_assert_max_num_queries(limit):
        assert staff.get(url).content.decode("utf-8-sig").count("\n") == 21
