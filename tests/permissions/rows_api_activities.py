"""API rows for employers, activities, registers, contingencies and compliance. Each builder makes its objects
at the centre under test: for the "other" centre, the token (centre A's) answers 404."""

from __future__ import annotations

from typing import Any

from tests.permissions.base import ApiRow
from tests.world import CentreWorld, World


def _activity_id(w: World, c: CentreWorld) -> dict[str, int]:
    from tests.planner_factories import make_activity

    return {"id": make_activity(w, c).pk}


def _session_id(w: World, c: CentreWorld) -> dict[str, int]:
    from tests.planner_factories import make_activity

    return {"id": make_activity(w, c).sessions.get().pk}


def _learner_id(w: World, c: CentreWorld) -> dict[str, int]:
    return {"id": c.learner.pk}


def _new_employer(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"name": "Matrix Engineering Ltd", "sectors": [w.qualification.sector.name], "postcode": "LS1 4AP"}


def _new_activity(w: World, c: CentreWorld) -> dict[str, Any]:
    from tests.planner_factories import make_employer

    return {
        "title": "Matrix master class",
        "type": "master_class",
        "qualification": w.qualification.pk,
        "units": [w.qualification.units.first().number],  # type: ignore[union-attr]
        "employer": make_employer(c).pk,  # another centre's employer: 404
        "learners": [c.learner.pk],
        "sessions": [{"starts_at": "2026-03-02T10:00:00Z", "ends_at": "2026-03-02T11:00:00Z"}],
    }


def _marks(w: World, c: CentreWorld) -> list[dict[str, Any]]:
    return [{"learner": c.learner.pk, "mark": "present"}]


def _new_contingency(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.activities.models import AttendanceMark
    from tests.planner_factories import make_activity

    session = make_activity(w, c).sessions.get()
    AttendanceMark.objects.create(centre=c.centre, session=session, learner=c.learner, mark="absent")
    return {
        "learner": c.learner.pk,
        "missed_session": session.pk,
        "kind": "recording_watched",
        "description": "Watched the recording.",
    }


API_ROWS = [
    ApiRow("GET", "/api/v1/employers", per_centre=False),
    ApiRow("POST", "/api/v1/employers", body=_new_employer, ok=201, per_centre=False),
    ApiRow("GET", "/api/v1/activities", query={"status": "planned"}, per_centre=False),
    ApiRow("POST", "/api/v1/activities", body=_new_activity, ok=201),
    ApiRow("GET", "/api/v1/activities/{id}", path_params=_activity_id),
    ApiRow("PUT", "/api/v1/sessions/{id}/attendance", path_params=_session_id, body=_marks),
    ApiRow("POST", "/api/v1/contingencies", body=_new_contingency, ok=201),
    ApiRow("GET", "/api/v1/learners/{id}/compliance", path_params=_learner_id),
    ApiRow("GET", "/api/v1/compliance", query={"status": "at_risk"}, per_centre=False),
]
