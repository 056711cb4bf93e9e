from typing import Any

from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from tests.permissions.base import STAFF, Row
from tests.world import CentreWorld, World

CSV = b"MIS reference,Given name,Family name,Date of birth\r\nM1,Ann,Lee,31/01/2009\r\n"


def _job(state: str = "uploaded") -> Any:
    """An import job at the row's centre, reached through the own centre's URL (another centre's: 404)."""

    def kwargs(w: World, c: CentreWorld) -> dict[str, Any]:
        from bridgework.imports.models import ImportJob

        with scopes_disabled():
            job = ImportJob(
                centre=c.centre,
                kind="learners",
                original_name="learners.csv",
                state=state,
                total_rows=1,
                summary={"format": "csv", "headers": ["MIS reference", "Given name", "Family name", "Date of birth"]},
                created_by=c.admin,
            )
            job.file.save("matrix.csv", ContentFile(CSV), save=False)
            job.save()
        return {"centre": w.a.centre.number, "pk": job.pk}

    return kwargs


ROWS = [
    Row("staff:import_list", STAFF, kwargs=lambda w, c: {"centre": c.centre.number}),
    Row("staff:import_upload", STAFF, kwargs=lambda w, c: {"centre": c.centre.number}),
    Row("staff:import_detail", STAFF, kwargs=_job()),
    Row("staff:import_mapping", STAFF, kwargs=_job()),
    Row("staff:import_progress", STAFF, kwargs=_job("validating"), htmx=True),
    # The job is not ready to import: confirming redirects back to it with a message, and writes nothing.
    Row("staff:import_confirm", STAFF, kwargs=_job(), method="POST", ok=302),
    Row("staff:learner_export", STAFF, kwargs=lambda w, c: {"centre": c.centre.number, "file_format": "xlsx"}),
]
