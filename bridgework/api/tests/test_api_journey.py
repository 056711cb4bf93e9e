"""A college's system drives the whole MEI journey through the API alone, and reads the compliance engine's
answer change as the register and the contingency are recorded."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.activities.models import AttendanceMark
from bridgework.learners.identifiers import academic_year_of, academic_year_start

pytestmark = pytest.mark.django_db
NOT_YET = {"at_risk", "not_met"}


def _at(day: date, hour: int) -> str:
    return timezone.make_aware(datetime.combine(day, time(hour))).isoformat()


def _codes(api: Any, learner_id: int) -> tuple[str, list[str]]:
    """The status and reason codes of the learner's one enrolment. Before it is met the status is at_risk, or
    not_met once the year's submission deadline has passed: the reasons are the same."""
    status, enrolments = api("GET", f"/learners/{learner_id}/compliance")
    assert status == 200 and len(enrolments) == 1, enrolments
    return enrolments[0]["status"], [r["code"] for r in enrolments[0]["reasons"]]


def test_it_records_an_activity_and_its_register_and_the_learner_meets_the_requirement(api, world):  # type: ignore[no-untyped-def]
    yesterday = timezone.localdate() - timedelta(days=1)
    year = academic_year_of(yesterday)  # the session's year
    start = academic_year_start(year)
    status, learner = api(
        "POST",
        "/learners",
        {"given_name": "Ada", "family_name": "Api", "date_of_birth": f"{start.year - 17}-03-01", "mis_ref": "JOURNEY1"},
    )
    assert status == 201, learner
    status, enrolment = api(
        "POST",
        "/enrolments",
        {
            "learner": learner["id"],
            "qualification": world.qualification.pk,
            "academic_year": year,
            "start_date": start.isoformat(),
        },
    )
    assert status == 201, enrolment
    status, codes = _codes(api, learner["id"])
    assert status in NOT_YET and codes == ["NO_ACTIVITY"]

    sector = world.qualification.sector.name
    status, employer = api(
        "POST", "/employers", {"name": "Journey Engineering Ltd", "sectors": [sector], "postcode": "ls1 4ap"}
    )
    assert status == 201, employer
    assert employer["sectors"] == [sector] and employer["postcode"] == "LS1 4AP"

    unit = world.qualification.units.filter(mandatory=True).first()
    status, activity = api(
        "POST",
        "/activities",
        {
            "title": "Week in the machine shop",
            "type": "work_experience",
            "qualification": world.qualification.pk,
            "units": [unit.number],
            "employer": employer["id"],
            "delivery": "live",
            "learners": [learner["id"]],
            "sessions": [{"starts_at": _at(yesterday, 9), "ends_at": _at(yesterday, 16)}],
        },
    )
    assert status == 201, activity
    assert activity["status"] == "planned" and activity["learners"] == [learner["id"]]
    assert activity["units"] == [unit.number] and activity["academic_year"] == year
    session_id = activity["sessions"][0]["id"]
    # Finished, but no register yet: it has not been delivered as far as the requirement goes.
    status, codes = _codes(api, learner["id"])
    assert status in NOT_YET and codes == ["NOT_DELIVERED"]

    # The activity is still "planned" (its paperwork is not done): the register is taken all the same.
    status, register = api("PUT", f"/sessions/{session_id}/attendance", [{"learner": learner["id"], "mark": "present"}])
    assert status == 200, register
    assert [(line["learner"], line["mark"]) for line in register["marks"]] == [(learner["id"], "present")]
    status, enrolments = api("GET", f"/learners/{learner['id']}/compliance")
    assert enrolments[0]["status"] == "met"
    met = enrolments[0]["reasons"][0]
    assert met["code"] == "MET" and met["activity"] == activity["id"] and "Journey Engineering Ltd" in met["message"]

    # Absent after all: not met until a completed contingency is recorded, which counts, flagged.
    api("PUT", f"/sessions/{session_id}/attendance", [{"learner": learner["id"], "mark": "absent"}])
    status, codes = _codes(api, learner["id"])
    assert status in NOT_YET and codes == ["NOT_ATTENDED"]
    status, contingency = api(
        "POST",
        "/contingencies",
        {
            "learner": learner["id"],
            "missed_session": session_id,
            "kind": "catch_up_session",
            "description": "Spent a day with the same team the following week.",
            "completed_on": timezone.localdate().isoformat(),
        },
    )
    assert status == 201, contingency
    assert _codes(api, learner["id"]) == ("met", ["MET", "CONTINGENCY"])
    status, page = api("GET", f"/compliance?status=met&academic_year={year}")
    assert [row["enrolment"] for row in page["items"]] == [enrolment["id"]]

    # Audited like the staff pages: the token's person is the actor of each write.
    with scopes_disabled():
        mark = AttendanceMark.objects.get(session_id=session_id)
        assert mark.marked_by == world.a.admin
        assert LogEntry.objects.get_for_object(mark).latest("timestamp").actor == world.a.admin
