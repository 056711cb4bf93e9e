"""List pages run a fixed number of queries whatever the number of rows (2 rows vs 20 rows)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.catalogue.models import AwardingOrganisation
from bridgework.learners.models import LearnerAwardingNumber, TeachingGroup
from bridgework.people.models import Role
from bridgework.people.services.centres import grant_role
from tests.learner_records.conftest import enrol, make_learner
from tests.world import World, make_user

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _learners(world: World, start: int, count: int) -> None:
    ocr = AwardingOrganisation.objects.get(code="OCR")
    with scopes_disabled():
        for n in range(start, start + count):
            learner = make_learner(world.a.centre, n)
            LearnerAwardingNumber.objects.create(
                centre=world.a.centre, learner=learner, awarding_organisation=ocr, number=f"{n:04d}"
            )
            enrol(learner, world.qualification)
            enrol(learner, world.qualification, "2024/25")


def test_the_learner_list_is_constant(world: World, staff_client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    url = reverse("staff:learner_list", kwargs={"centre": world.a.centre.number})
    _learners(world, 1, 1)  # 2 learners with the world's own
    few = _count(staff_client, url)
    _learners(world, 2, 18)  # 20 learners
    with django_assert_max_num_queries(few):
        page = staff_client.get(url).content.decode()
    assert page.count('class="govuk-table__row"') == 21  # header + 20 rows


def test_the_group_list_is_constant(world: World, staff_client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    url = reverse("staff:group_list", kwargs={"centre": world.a.centre.number}) + "?year=2025/26"

    def groups(start: int, count: int) -> None:
        with scopes_disabled():
            for n in range(start, start + count):
                tutor = make_user(f"tutor{n}@alpha.test", first_name=f"Tutor{n}")
                grant_role(tutor, world.a.centre, Role.STAFF)
                group = TeachingGroup.objects.create(
                    centre=world.a.centre,
                    name=f"G{n:02d}",
                    qualification=world.qualification,
                    academic_year="2025/26",
                    tutor=tutor,
                )
                group.enrolments.add(enrol(make_learner(world.a.centre, 100 + n), world.qualification))

    groups(1, 1)  # 2 groups with the world's own
    few = _count(staff_client, url)
    groups(2, 18)
    with django_assert_max_num_queries(few):
        page = staff_client.get(url).content.decode()
    assert page.count('class="govuk-table__row"') == 21
    assert "Tutor19" in page


def test_the_group_page_is_constant(world: World, staff_client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    url = reverse("staff:group_detail", kwargs={"centre": world.a.centre.number, "pk": world.a.group.pk})
    with scopes_disabled():
        world.a.group.enrolments.add(enrol(make_learner(world.a.centre, 1), world.qualification))
        enrol(make_learner(world.a.centre, 2), world.qualification)
    few = _count(staff_client, url)
    with scopes_disabled():
        for n in range(3, 21):
            e = enrol(make_learner(world.a.centre, n, date_of_birth=date(2009, 2, 2)), world.qualification)
            if n % 2:
                world.a.group.enrolments.add(e)
    with django_assert_max_num_queries(few):
        assert staff_client.get(url).status_code == 200
