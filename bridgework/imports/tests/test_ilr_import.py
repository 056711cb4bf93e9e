from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from bridgework.imports.models import ImportState
from bridgework.imports.tests.helpers import run_import, upload
from bridgework.learners.models import Enrolment, Learner

pytestmark = pytest.mark.django_db
SAMPLE = (Path(__file__).parent / "data" / "ilr-2526-sample.xml").read_bytes()


def test_it_imports_the_ilr_sample(world):  # type: ignore[no-untyped-def]
    job = run_import(world.a.centre, world.a.admin, SAMPLE, name="ILR-10001234-2526-20251104-091500-04.xml", kind="ilr")
    assert job.state == ImportState.DONE, job.errors
    assert (job.total_rows, job.created, job.updated, job.unchanged) == (3, 3, 0, 0)
    with scopes_disabled():
        chidi = Learner.objects.get(centre=world.a.centre, mis_ref="ILR0001")
        siobhan = Learner.objects.get(centre=world.a.centre, mis_ref="ILR0002")
        kacper = Learner.objects.get(centre=world.a.centre, mis_ref="ILR0003")
        assert (chidi.given_name, chidi.family_name, chidi.uln) == ("Chidi", "Okafor", "9276308686")
        assert chidi.date_of_birth == date(2009, 2, 17) and chidi.ehc_plan is False
        assert siobhan.ehc_plan is True  # LearnerFAM EHC code 1
        assert kacper.uln == ""  # 9999999999 is the ILR's "not known": kept blank
        chidi_enrolments = list(Enrolment.objects.filter(learner=chidi).select_related("qualification"))
        # The work-experience aim (Z0007838) is not a qualification and is skipped.
        assert [(e.qualification.qan, e.academic_year, e.start_date) for e in chidi_enrolments] == [
            ("601/7307/5", "2025/26", date(2025, 9, 8))
        ]
        assert Enrolment.objects.get(learner=siobhan).academic_year == "2024/25"


def test_a_second_ilr_import_changes_nothing(world):  # type: ignore[no-untyped-def]
    run_import(world.a.centre, world.a.admin, SAMPLE, name="ilr.xml", kind="ilr")
    again = run_import(world.a.centre, world.a.admin, SAMPLE, name="ilr.xml", kind="ilr")
    assert (again.state, again.created, again.updated, again.unchanged) == (ImportState.DONE, 0, 0, 3)


def test_it_matches_local_names_whatever_the_years_namespace(world):  # type: ignore[no-untyped-def]
    older = SAMPLE.replace(b"ESFA/ILR/2025-26", b"ESFA/ILR/2024-25")
    assert run_import(world.a.centre, world.a.admin, older, name="ilr.xml", kind="ilr").created == 3


def test_an_aim_outside_the_catalogue_is_refused_when_the_setting_says_so(world, settings):  # type: ignore[no-untyped-def]
    settings.ILR_SKIP_UNKNOWN_AIMS = False
    data = SAMPLE.replace(b"<LearnAimRef>60170979</LearnAimRef>", b"<LearnAimRef>50079116</LearnAimRef>")
    job = run_import(world.a.centre, world.a.admin, data, name="ilr.xml", kind="ilr")
    assert job.state == ImportState.INVALID
    assert job.errors == [
        {
            "row": 3,
            "column": "Learner ILR0003, LearningDelivery 1 LearnAimRef",
            "message": "No qualification in the catalogue has the aim reference (QAN) “50079116”.",
            "value": "50079116",
        }
    ]
    with scopes_disabled():
        assert not Learner.objects.filter(centre=world.a.centre, mis_ref__startswith="ILR").exists()


def test_aims_outside_the_catalogue_are_skipped_with_a_warning_by_default(world):  # type: ignore[no-untyped-def]
    # Kacper's only aim becomes a GCSE (left out); Chidi gains a GCSE beside his Tech Level (kept, GCSE skipped).
    data = SAMPLE.replace(b"<LearnAimRef>60170979</LearnAimRef>", b"<LearnAimRef>50079116</LearnAimRef>")
    data = data.replace(b"<LearnAimRef>Z0007838</LearnAimRef>", b"<LearnAimRef>50079116</LearnAimRef>")
    job = run_import(world.a.centre, world.a.admin, data, name="ilr.xml", kind="ilr")
    assert job.state == ImportState.DONE, job.errors
    assert (job.total_rows, job.created, job.summary["learners_left_out"]) == (3, 2, 1)
    assert job.warnings == [
        {
            "row": 1,
            "column": "Learner ILR0001, LearnAimRef",
            "message": "Not in the catalogue: skipped for 2 learners.",
            "value": "50079116",
        }
    ]
    with scopes_disabled():
        assert set(Learner.objects.filter(centre=world.a.centre).values_list("mis_ref", flat=True)) >= {
            "ILR0001",
            "ILR0002",
        }
        assert not Learner.objects.filter(centre=world.a.centre, mis_ref="ILR0003").exists()
        assert Enrolment.objects.filter(learner__mis_ref="ILR0001").count() == 1
    page = upload_page(world, job)
    assert "1 learner with no learning aim in the catalogue was left out" in page
    assert "not in the catalogue (GCSEs, A levels" in page


def test_it_refuses_xml_with_entities(world):  # type: ignore[no-untyped-def]
    from bridgework.imports.readers import ImportFileError

    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><Message>&b;</Message>'
    )
    with pytest.raises(ImportFileError, match="entities or a DTD"):
        upload(world.a.centre, world.a.admin, bomb, name="ilr.xml", kind="ilr")


def test_it_refuses_xml_that_is_not_an_ilr(world):  # type: ignore[no-untyped-def]
    from bridgework.imports.readers import ImportFileError

    with pytest.raises(ImportFileError, match="not an ILR file"):
        upload(world.a.centre, world.a.admin, b"<?xml version='1.0'?><Invoice/>", name="x.xml", kind="ilr")


def upload_page(world, job) -> str:  # type: ignore[no-untyped-def]
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(world.a.staff)
    url = reverse("staff:import_detail", kwargs={"centre": world.a.centre.number, "pk": job.pk})
    return client.get(url).content.decode()
