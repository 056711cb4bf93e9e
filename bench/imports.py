"""`python -m bench.imports [--rows N]`: rows per second for a 10,000-row learner import.

Builds a throwaway database (PostgreSQL when DATABASE_URL is set, see bench.harness), then runs the same steps
as the pages (upload, check, import) twice — a first import that creates every learner and a second that finds
nothing to change — and, as the baseline in the same run, the floor any learner import has to pay: reading the
file with the csv module and bulk-inserting the same learners, enrolments and candidate numbers. Everything runs
inside a transaction that is rolled back, so the database is left as it was.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from datetime import datetime

from bench.harness import throwaway_database, use_test_settings

use_test_settings()


class _Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="learner rows in the file")
    args = parser.parse_args()
    with throwaway_database():
        run(args.rows)


def _floor(centre, data: bytes) -> int:  # type: ignore[no-untyped-def]
    """Parse the file and bulk-insert what the import creates: no checks, no matching, no audit, no job."""
    from bridgework.catalogue.models import Qualification
    from bridgework.learners.models import Enrolment, Learner, LearnerAwardingNumber

    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    qualifications = {q.qan: q for q in Qualification.objects.filter(qan__in={row["QAN"] for row in rows})}
    learners = Learner.objects.bulk_create(
        [
            Learner(
                centre=centre,
                mis_ref=row["Student ID"],
                given_name=row["Forename"],
                family_name=row["Surname"],
                date_of_birth=datetime.strptime(row["DOB"], "%d/%m/%Y").date(),
                uln=row["ULN"],
                ehc_plan=row["EHC"] == "Y",
            )
            for row in rows
        ],
        batch_size=2000,
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                centre=centre,
                learner=learner,
                qualification=qualifications[row["QAN"]],
                academic_year=row["Academic year"],
                start_date=datetime.strptime(row["Start date"], "%d/%m/%Y").date(),
            )
            for learner, row in zip(learners, rows, strict=True)
        ],
        batch_size=2000,
    )
    LearnerAwardingNumber.objects.bulk_create(
        [
            LearnerAwardingNumber(
                centre=centre,
                learner=learner,
                awarding_organisation_id=qualifications[row["QAN"]].awarding_organisation_id,
                number=row["Candidate number"],
            )
            for learner, row in zip(learners, rows, strict=True)
        ],
        batch_size=2000,
    )
    return len(rows)


def run(rows: int) -> None:
    from django.conf import settings
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from bridgework.imports.models import ImportJob
    from bridgework.imports.tests.helpers import csv_file, learner_row, run_import
    from bridgework.people.models import Centre, User

    settings.IMPORT_BACKGROUND_ROWS = rows + 1  # measure the import itself, not the queue
    data = csv_file(learner_row(i) for i in range(rows))
    timings: list[tuple[str, float, str]] = []
    jobs: list[ImportJob] = []
    try:
        with transaction.atomic(), scopes_disabled():
            centre = Centre.objects.create(number="BENCH01", name="Benchmark College")
            user = User.objects.create_user(email="bench@bridgework.test")
            for label in ("first import (creates)", "second import (no changes)"):
                started = time.perf_counter()
                job = run_import(centre, user, data)
                seconds = time.perf_counter() - started
                jobs.append(job)
                if job.state != "done":
                    sys.exit(f"Import ended {job.state}: {job.errors[:3]}")
                counts = f"created {job.created}, updated {job.updated}, unchanged {job.unchanged}"
                timings.append((label, seconds, counts))
            floor_centre = Centre.objects.create(number="BENCH02", name="Benchmark Floor College")
            started = time.perf_counter()
            inserted = _floor(floor_centre, data)
            timings.append(("floor: csv + bulk_create", time.perf_counter() - started, f"inserted {inserted}"))
            raise _Rollback
    except _Rollback:
        pass
    finally:
        for job in jobs:
            job.file.delete(save=False)
    floor_s = timings[-1][1]
    print(f"{rows:,} learner rows on {connection.vendor}:")
    for label, seconds, counts in timings:
        speed = f"{rows / seconds:8,.0f} rows/s  {seconds / floor_s:5.1f}x floor"
        print(f"  {label:28} {seconds:6.2f}s  {speed}  ({counts})")


if __name__ == "__main__":
    main()
