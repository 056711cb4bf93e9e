"""Tenancy isolation: centre-owned rows are unreachable outside a scope, and lists never show another centre."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django_scopes import ScopeError

from bridgework.core.tenancy import CentreOwned, centre_scope
from bridgework.learners.models import Learner
from tests.world import World


def test_every_centre_owned_model_is_scoped() -> None:
    owned = [m for m in apps.get_models() if issubclass(m, CentreOwned)]
    assert len(owned) >= 10
    for model in owned:
        with pytest.raises(ScopeError):
            list(model.objects.all())


@pytest.mark.django_db
def test_a_scope_shows_only_its_own_centre(world: World) -> None:
    with centre_scope(world.a.centre.pk):
        assert list(Learner.objects.values_list("pk", flat=True)) == [world.a.learner.pk]
        assert not Learner.objects.filter(pk=world.b.learner.pk).exists()


def test_a_missing_centre_is_never_taken_for_every_centre() -> None:
    with pytest.raises(ValueError), centre_scope(None):  # type: ignore[arg-type]
        pass


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["staff:learner_list", "staff:home"])
def test_staff_lists_never_show_another_centres_learners(world: World, url_name: str) -> None:
    client = Client()
    client.force_login(world.a.staff)
    world_b_name = world.b.learner.family_name
    response = client.get(reverse(url_name, kwargs={"centre": world.a.centre.number}) + "?year=2025/26")
    assert response.status_code == 200
    assert world_b_name not in response.content.decode()
    # Searching for the other centre's learner by name or MIS reference finds nothing.
    response = client.get(
        reverse("staff:learner_list", kwargs={"centre": world.a.centre.number}), {"q": world.b.learner.mis_ref}
    )
    assert "0 learners" in response.content.decode()


@pytest.mark.django_db
def test_learner_list_query_count_does_not_grow_with_learners(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from django_scopes import scopes_disabled

    from bridgework.learners.models import Enrolment

    client = Client()
    client.force_login(world.a.staff)
    url = reverse("staff:learner_list", kwargs={"centre": world.a.centre.number})
    client.get(url)  # warm the session
    with django_assert_max_num_queries(15) as small:
        client.get(url)
    with scopes_disabled():
        for i in range(30):
            learner = Learner.objects.create(
                centre=world.a.centre, given_name=f"G{i}", family_name=f"F{i}", date_of_birth=date(2009, 1, 1)
            )
            Enrolment.objects.create(
                centre=world.a.centre,
                learner=learner,
                qualification=world.qualification,
                academic_year="2025/26",
                start_date=date(2025, 9, 8),
            )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "31 learners" in response.content.decode()
