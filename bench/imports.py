"""`python -m bench.imports`: rows per second for a 10,000-row learner import on the configured database.

Runs the same steps as the pages (upload, check, import) twice — a first import that creates every learner
and a second that finds nothing to change — inside a transaction that is rolled back, so the database is
left as it was. Uses DATABASE_URL like the app (SQLite by default; set DEBUG=true for a local run).
"""

from __future__ import annotations

import os
import sys
import time

ROWS = int(os.environ.get("BENCH_ROWS", "10000"))


class _Rollback(Exception):
    pass


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridgework.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from bridgework.imports.models import ImportJob
    from bridgework.imports.tests.helpers import csv_file, learner_row, run_import
    from bridgework.people.models import Centre, User

    settings.IMPORT_BACKGROUND_ROWS = ROWS + 1  # measure the import itself, not the queue
    data = csv_file(learner_row(i) for i in range(ROWS))
    timings: list[tuple[str, float, int, int, int]] = []
    jobs: list[ImportJob] = []
    try:
        with transaction.atomic(), scopes_disabled():
            centre = Centre.objects.create(number="BENCH01", name="Benchmark College")
            user = User.objects.create_user(email="bench@bridgework.test")
            for label in ("first import (creates)", "second import (no changes)"):
                started = time.perf_counter()
                job = run_import(centre, user, data)
                timings.append((label, time.perf_counter() - started, job.created, job.updated, job.unchanged))
                jobs.append(job)
                if job.state != "done":
                    sys.exit(f"Import ended {job.state}: {job.errors[:3]}")
            raise _Rollback
    except _Rollback:
        pass
    finally:
        for job in jobs:
            job.file.delete(save=False)
    print(f"{ROWS:,} learner rows on {connection.vendor}:")
    for label, seconds, created, updated, unchanged in timings:
        print(
            f"  {label:28} {seconds:6.2f}s  {ROWS / seconds:8,.0f} rows/s  "
            f"(created {created}, updated {updated}, unchanged {unchanged})"
        )


if __name__ == "__main__":
    main()
