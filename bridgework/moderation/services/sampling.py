"""Reproducible evidence sampling: the same population, seed and rule always give the same sample.

The population is ordered by primary key within each group and the groups by name, and one
`random.Random(seed)` draws from them in that order, so re-running a recorded draw reproduces it exactly.
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Mapping, Sequence

from django.conf import settings


def sample_size(available: int, rule: Mapping[str, float]) -> int:
    """ceil(fraction × n) within [min, max], and never more than are available."""
    wanted = math.ceil(available * float(rule["fraction"]))
    wanted = max(int(rule["min"]), min(int(rule["max"]), wanted))
    return min(available, wanted)


def draw(population: Mapping[str, Sequence[int]], seed: int, rule: Mapping[str, float]) -> dict[str, list[int]]:
    rng = random.Random(seed)
    chosen: dict[str, list[int]] = {}
    for group in sorted(population):
        ordered = sorted(population[group])
        chosen[group] = sorted(rng.sample(ordered, sample_size(len(ordered), rule)))
    return chosen


def new_seed() -> int:
    return secrets.randbelow(2**31)


def current_rule() -> dict[str, float]:
    return dict(settings.MODERATION_SAMPLE_RULE)
