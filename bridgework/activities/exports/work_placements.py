"""Learners' work placements for the college MIS team to key into the ILR (domain.md §9): one row per learner
and placement activity, with the LearningDeliveryWorkPlacement fields the ILR collects.

ILR specification (LearningDeliveryWorkPlacement): WorkPlaceStartDate; WorkPlaceEndDate; WorkPlaceHours, the
hours planned for the placement (a whole number 1–9999); WorkPlaceMode, 1 internal (simulated) or 2 external;
WorkPlaceEmpId, the employer's Employer Data Service number (ERN), from the employer's record and blank where
it is not recorded; the employer's name, postcode and Companies House number let the MIS team look it up.
Hours exclude breaks the way T Level placements count them (compliance.placements.session_hours). A constant
number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from bridgework.activities.models import Activity, ActivitySession, ActivityStatus, Participant
from bridgework.activities.types import ActivityType
from bridgework.catalogue.models import aim_ref
from bridgework.compliance.attendance import attended_sessions
from bridgework.compliance.placements import session_hours
from bridgework.core.exports import ExportTable
from bridgework.employers.models import EmployerSite
from bridgework.learners.models import Enrolment

EXTERNAL, INTERNAL = 2, 1
# ILR WorkPlaceMode codes: a placement with an employer is external; a simulated, provider-based environment
# (a college salon or restaurant) is internal, and the ILR records both.
PLACEMENT_MODES: dict[str, int] = {
    ActivityType.WORK_PLACEMENT: EXTERNAL,
    ActivityType.WORK_EXPERIENCE: EXTERNAL,
    ActivityType.SIMULATED_ENVIRONMENT: INTERNAL,
}
MODE_LABELS = {EXTERNAL: "External work placement", INTERNAL: "Internal (simulated) work placement"}
ILR_HOURS_MAX = 9999

HEADERS = [
    "LearnRefNumber",
    "ULN",
    "GivenNames",
    "FamilyName",
    "LearnAimRef",
    "Qualification",
    "WorkPlaceStartDate",
    "WorkPlaceEndDate",
    "WorkPlaceHours",
    "Hours attended",
    "WorkPlaceMode",
    "Mode",
    "WorkPlaceEmpId",
    "Employer",
    "Employer postcode",
    "Companies House number",
    "Activity",
    "Academic year",
]


def planned_hours(sessions: list[tuple[Any, Any]]) -> int:
    """The placement's planned hours, breaks excluded, as the ILR's whole number (at least 1 when scheduled)."""
    hours = sum(session_hours(start, end) for start, end in sessions)
    return min(ILR_HOURS_MAX, max(1, round(hours))) if sessions else 0


def _postcodes(employer_ids: set[int]) -> dict[int, str]:
    """Each employer's primary site postcode, else its first site's."""
    found: dict[int, str] = {}
    for employer_id, postcode in (
        EmployerSite.objects.filter(employer_id__in=list(employer_ids))
        .order_by("employer_id", "-is_primary", "id")
        .values_list("employer_id", "postcode")
    ):
        found.setdefault(employer_id, postcode)
    return found


def _rows(centre_id: int, academic_year: str) -> Iterator[list[Any]]:
    activities = Activity.objects.filter(centre_id=centre_id, type__in=list(PLACEMENT_MODES)).exclude(
        status=ActivityStatus.CANCELLED
    )
    if academic_year:
        activities = activities.filter(academic_year=academic_year)
    placements = {
        a["pk"]: a
        for a in activities.values(
            "pk",
            "title",
            "type",
            "academic_year",
            "employer_id",
            "employer__legal_name",
            "employer__trading_name",
            "employer__company_number",
            "employer__ern",
        )
    }
    if not placements:
        return
    sessions: dict[int, list[tuple[Any, Any]]] = defaultdict(list)
    for activity_id, starts_at, ends_at in ActivitySession.objects.filter(activity_id__in=list(placements)).values_list(
        "activity_id", "starts_at", "ends_at"
    ):
        sessions[activity_id].append((starts_at, ends_at))
    qualifications: dict[int, set[int]] = defaultdict(set)
    for activity_id, qualification_id in Activity.qualifications.through.objects.filter(
        activity_id__in=list(placements)
    ).values_list("activity_id", "qualification_id"):
        qualifications[activity_id].add(qualification_id)
    taking_part = Participant.objects.filter(centre_id=centre_id, activity_id__in=list(placements))
    learner_ids = taking_part.values("learner_id")
    participants = list(
        taking_part.order_by("learner__family_name", "learner__given_name", "learner_id", "activity_id").values_list(
            "learner_id",
            "activity_id",
            "learner__mis_ref",
            "learner__uln",
            "learner__given_name",
            "learner__family_name",
        )
    )
    aims: dict[tuple[int, int, str], tuple[str, str]] = {}
    for learner_id, qualification_id, year, qan, ao_code, title in Enrolment.objects.filter(
        centre_id=centre_id, learner_id__in=learner_ids
    ).values_list(
        "learner_id",
        "qualification_id",
        "academic_year",
        "qualification__qan",
        "qualification__ao_code",
        "qualification__title",
    ):
        aims[(learner_id, qualification_id, year)] = (aim_ref(qan) if qan else ao_code, title)
    attended: dict[tuple[int, int], float] = defaultdict(float)
    for row in attended_sessions(learner_ids, activity_ids=list(placements)):
        attended[(row.learner_id, row.activity_id)] += session_hours(row.starts_at, row.ends_at)
    postcodes = _postcodes({a["employer_id"] for a in placements.values() if a["employer_id"]})

    for learner_id, activity_id, mis_ref, uln, given, family in participants:
        a = placements[activity_id]
        times = sorted(sessions.get(activity_id, []))
        matched = [
            aims[key]
            for q in sorted(qualifications.get(activity_id, ()))
            if (key := (learner_id, q, a["academic_year"])) in aims
        ]
        mode = PLACEMENT_MODES[a["type"]]
        yield [
            mis_ref,
            uln,
            given,
            family,
            "; ".join(ref for ref, _ in matched),
            "; ".join(title for _, title in matched),
            timezone.localdate(times[0][0]) if times else None,
            timezone.localdate(times[-1][1]) if times else None,
            planned_hours(times) or None,
            round(attended.get((learner_id, activity_id), 0.0), 1),
            mode,
            MODE_LABELS[mode],
            a["employer__ern"] or "",
            a["employer__trading_name"] or a["employer__legal_name"] or "",
            postcodes.get(a["employer_id"], ""),
            a["employer__company_number"] or "",
            a["title"],
            a["academic_year"],
        ]


def work_placements_table(centre_id: int, academic_year: str = "") -> ExportTable:
    """Every learner's work placements (one academic year, or all). Read inside the centre's scope."""
    return ExportTable("Work placements", HEADERS, _rows(centre_id, academic_year))
