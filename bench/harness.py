"""What the benchmarks share: a throwaway database, best-of-n timing and fresh planner statistics."""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


def use_test_settings() -> None:
    """Benchmarks build their own database, so they run on the test settings (fast hashing, inline tasks)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridgework.settings_test")


@contextmanager
def throwaway_database(keep: bool = False) -> Iterator[None]:
    """A migrated, empty database made with Django's test-database machinery (`test_<name>` on PostgreSQL, a
    temporary SQLite file otherwise), destroyed afterwards: a benchmark never touches the developer's data."""
    import django

    django.setup()
    from django.db import connection

    if connection.vendor == "sqlite":
        path = os.path.join(tempfile.gettempdir(), f"bw-bench-{os.getpid()}.sqlite3")
        connection.settings_dict["TEST"]["NAME"] = path
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def timed(fn: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """The best of `repeat` runs (the least disturbed by the other work on the machine) and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()  # start each run without the previous run's garbage to collect
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result  # type: ignore[return-value]


def analyze() -> None:
    """Fresh bulk loads have no planner statistics yet; a live database has them (autovacuum)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
