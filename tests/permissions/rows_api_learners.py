from tests.permissions.base import ApiRow
from tests.world import CentreWorld, World


def _learner_id(w: World, c: CentreWorld) -> dict[str, int]:
    return {"id": c.learner.pk}


def _new_learner(w: World, c: CentreWorld) -> dict[str, str]:
    return {"given_name": "Nia", "family_name": "Matrix", "date_of_birth": "2009-05-01", "mis_ref": "MATRIX1"}


def _new_enrolment(w: World, c: CentreWorld) -> dict[str, object]:
    # The world's learner is enrolled in 2025/26; a new year is a new enrolment.
    return {
        "learner": c.learner.pk,
        "qualification": w.qualification.pk,
        "academic_year": "2026/27",
        "start_date": "2026-09-07",
    }


API_ROWS = [
    ApiRow("GET", "/api/v1/learners", per_centre=False),
    ApiRow("POST", "/api/v1/learners", body=_new_learner, ok=201, per_centre=False),
    ApiRow("GET", "/api/v1/learners/{id}", path_params=_learner_id),
    ApiRow("PATCH", "/api/v1/learners/{id}", path_params=_learner_id, body=lambda w, c: {"given_name": "Leigh"}),
    ApiRow("GET", "/api/v1/enrolments", per_centre=False),
    ApiRow("POST", "/api/v1/enrolments", body=_new_enrolment, ok=201),  # another centre's learner: 404
]
