"""Evidence sampling: reproducible from its seed, per group of similar activities, within the size rule."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django_scopes import scopes_disabled
from hypothesis import given
from hypothesis import strategies as st

from bridgework.moderation.services import sampling
from bridgework.moderation.services import submissions as subs
from bridgework.moderation.tests import factories as f

RULE = {"min": 3, "fraction": 0.2, "max": 15}


@pytest.mark.parametrize(
    ("available", "expected"),
    [(0, 0), (1, 1), (3, 3), (4, 3), (15, 3), (16, 4), (20, 4), (21, 5), (74, 15), (75, 15), (200, 15)],
)
def test_sample_size_follows_the_rule(available: int, expected: int) -> None:
    assert sampling.sample_size(available, RULE) == expected


@given(
    population=st.dictionaries(
        st.sampled_from(["guest_lecture", "master_class", "work_placement"]),
        st.lists(st.integers(1, 10_000), unique=True, max_size=80),
        max_size=3,
    ),
    seed=st.integers(0, 2**62),
)
def test_the_same_seed_gives_the_same_sample_whatever_the_input_order(population, seed) -> None:
    shuffled = {group: list(reversed(ids)) for group, ids in reversed(list(population.items()))}
    first = sampling.draw(population, seed, RULE)
    assert first == sampling.draw(shuffled, seed, RULE)
    for group, ids in population.items():
        assert set(first[group]) <= set(ids)
        assert len(first[group]) == sampling.sample_size(len(ids), RULE)


def test_different_seeds_usually_choose_differently() -> None:
    population = {"guest_lecture": list(range(1, 101))}
    draws = {tuple(sampling.draw(population, seed, RULE)["guest_lecture"]) for seed in range(20)}
    assert len(draws) > 15


@pytest.mark.django_db
@override_settings(MODERATION_SAMPLE_RULE={"min": 2, "fraction": 0.5, "max": 3})
def test_a_recorded_sample_is_reproduced_from_its_seed_and_rule(world) -> None:
    for i in range(7):
        f.activity(world.a, world.qualification, title=f"Lecture {i}", kind="guest_lecture")
    for i in range(2):
        f.activity(world.a, world.qualification, title=f"Placement {i}", kind="work_placement")
    f.activity(world.b, world.qualification, title="Another centre's lecture", kind="guest_lecture")
    sub = f.submission(world.a, world.qualification, "submitted")
    with scopes_disabled():
        sample = subs.draw_sample(submission_id=sub.pk, actor=world.moderator, seed=424242)
    assert sample.seed == 424242 and sample.rule == {"min": 2, "fraction": 0.5, "max": 3}
    assert {g: len(ids) for g, ids in sample.population.items()} == {"guest_lecture": 7, "work_placement": 2}
    assert {g: len(ids) for g, ids in sample.chosen.items()} == {"guest_lecture": 3, "work_placement": 2}
    assert sampling.draw(sample.population, sample.seed, sample.rule) == sample.chosen
    with scopes_disabled():
        assert sub.events.get(action="sample_drawn").note.startswith("Seed 424242")


@pytest.mark.django_db
def test_without_a_seed_a_new_one_is_recorded(world) -> None:
    sub = f.submission(world.a, world.qualification, "submitted")
    with scopes_disabled():
        sample = subs.draw_sample(submission_id=sub.pk, actor=world.moderator)
    assert 0 <= sample.seed < 2**31
