"""Demo data for last academic year's IT cohort at Riverside: five learners (17 on 31 August, so MEI applies)
who completed the course, two guest lectures, a week's work placement at Pixel Forge that one learner missed
through illness, the signed placement record and the year's planner. What the last-year submission claims for.

Dates are fixed within last year (November, May, June): they are in the past whatever day the demo runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from bridgework.activities.demo import _at, _pdf, _weekday
from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, CentrePlan, EvidenceFile, Mark
from bridgework.activities.models import PlannedActivity as PlanRow
from bridgework.activities.services import plans as plan_service
from bridgework.activities.services.activities import add_groups
from bridgework.activities.services.evidence import store_evidence
from bridgework.catalogue.models import Qualification, Unit
from bridgework.core.demo import DemoContext
from bridgework.core.uploads import bytes_upload
from bridgework.employers.models import EmployerPerson
from bridgework.learners.demo import uln_from
from bridgework.learners.models import Enrolment, EnrolmentStatus, Learner, LearnerAwardingNumber, TeachingGroup

# (given, family); the last one is off sick for the May lecture and the placement week.
LEARNERS = [("Amelia", "Carter"), ("Ethan", "Mahmood"), ("Leah", "Dobson"), ("Noah", "Whitaker"), ("Kai", "Brennan")]
GROUP = "IT-L3-A"


@dataclass
class LastYear:
    """What the last-year submission needs from the cohort step."""

    year: str
    learners: list[Learner]
    absent: Learner
    placement: Activity


def _cohort(ctx: DemoContext, qualification: Qualification, year: str) -> list[Learner]:
    riverside, first = ctx.objects["riverside"], int(year[:4])
    group, _ = TeachingGroup.objects.get_or_create(
        centre=riverside,
        name=GROUP,
        academic_year=year,
        defaults={"qualification": qualification, "tutor": ctx.objects["coordinator"]},
    )
    learners = []
    for n, (given, family) in enumerate(LEARNERS, start=1):
        learner, _ = Learner.objects.get_or_create(
            centre=riverside,
            mis_ref=f"RC{first}{n:02d}",  # sorts after this year's RC000nn
            defaults={
                "given_name": given,
                "family_name": family,
                # 17 on 31 August at the start of the year: MEI is required.
                "date_of_birth": date(first - 17, 2 + n, 3 * n),
                "uln": uln_from(900 + n),
            },
        )
        LearnerAwardingNumber.objects.get_or_create(
            centre=riverside,
            learner=learner,
            awarding_organisation=qualification.awarding_organisation,
            defaults={"number": f"{first % 100:02d}{n:02d}"},
        )
        enrolment, _ = Enrolment.objects.get_or_create(
            centre=riverside,
            learner=learner,
            qualification=qualification,
            academic_year=year,
            defaults={"start_date": date(first, 9, 8), "status": EnrolmentStatus.COMPLETED},
        )
        group.enrolments.add(enrolment)
        learners.append(learner)
    return learners


def _activities(first: int) -> list[dict[str, Any]]:
    """Lecture in November, lecture in May, the placement in the first full week of June (before the deadline)."""
    june = date(first + 1, 6, 1)
    monday = june + timedelta(days=(7 - june.weekday()) % 7)
    return [
        {
            "title": "Guest lecture: defending a bank against cyber attacks",
            "type": "guest_lecture",
            "employer": "bank",
            "practitioner": ("Rachel", "Osei"),
            "unit": "3",
            "days": [(_weekday(date(first, 11, 18)), 10, 2)],
            "sick": False,
            "description": "How a bank's security team detects and responds to attacks; learners triage real alerts.",
        },
        {
            "title": "Guest lecture: designing apps with real users",
            "type": "guest_lecture",
            "employer": "pixel",
            "practitioner": ("Dev", "Mistry"),
            "unit": "6",
            "days": [(_weekday(date(first + 1, 5, 20)), 13, 2)],
            "sick": True,  # the last learner was off sick from mid-May to the end of the placement week
            "description": "User research and prototyping at a digital studio.",
        },
        {
            "title": "Work placement: a week at Pixel Forge",
            "type": "work_placement",
            "employer": "pixel",
            "practitioner": ("Dev", "Mistry"),
            "unit": "6",
            "days": [(monday + timedelta(days=n), 9, 7) for n in range(5)],
            "sick": True,
            "description": "Learners work in pairs with the studio's developers on a booking app for a client.",
        },
    ]


def _activity(ctx: DemoContext, spec: dict[str, Any], qualification: Qualification, year: str) -> Activity:
    riverside, coordinator = ctx.objects["riverside"], ctx.objects["coordinator"]
    employer = ctx.objects["employers"][spec["employer"]]
    first_day = spec["days"][0][0]
    activity, created = Activity.objects.get_or_create(
        centre=riverside,
        title=spec["title"],
        academic_year=year,
        defaults={
            "type": spec["type"],
            "description": spec["description"],
            "employer": employer,
            "status": "evidenced" if spec["type"] == "work_placement" else "delivered",
            "health_safety_confirmed": True,
            "safeguarding_confirmed": True,
            "created_by": coordinator,
            "confirmed_by": coordinator,
            "confirmed_at": _at(first_day - timedelta(days=21), 9),
        },
    )
    if not created:
        return activity
    given, family = spec["practitioner"]
    person = EmployerPerson.objects.get(centre=riverside, given_name=given, family_name=family)
    activity.qualifications.add(qualification)
    activity.units.add(Unit.objects.get(qualification=qualification, number=spec["unit"]))
    activity.practitioners.add(person)
    add_groups(activity, TeachingGroup.objects.filter(centre=riverside, name=GROUP, academic_year=year))
    for day, hour, hours in spec["days"]:
        ActivitySession.objects.create(
            centre=riverside,
            activity=activity,
            starts_at=_at(day, hour),
            ends_at=_at(day, hour) + timedelta(hours=hours),
            place=employer.legal_name if spec["type"] == "work_placement" else "Riverside campus",
            practitioner_confirmed_by=person if spec["type"] == "guest_lecture" else None,
            practitioner_confirmed_at=_at(day + timedelta(days=1), 9) if spec["type"] == "guest_lecture" else None,
        )
    return activity


def _register(activity: Activity, learners: list[Learner], absent: Learner | None, by: Any) -> None:
    for session in activity.sessions.all():
        for learner in learners:
            AttendanceMark.objects.get_or_create(
                centre_id=session.centre_id,
                session=session,
                learner=learner,
                defaults={
                    "mark": Mark.ABSENT if learner == absent else Mark.PRESENT,
                    "marked_by": by,
                    "marked_at": session.starts_at + timedelta(minutes=5),
                },
            )


def _placement_record(ctx: DemoContext, placement: Activity, learners: list[Learner], absent: Learner) -> None:
    if EvidenceFile.objects.filter(activity=placement).exists():
        return
    days = list(placement.sessions.order_by("starts_at"))
    start, end = timezone.localtime(days[0].starts_at), timezone.localtime(days[-1].starts_at)
    present = ", ".join(learner.full_name for learner in learners if learner != absent)
    lines = [
        f"Pixel Forge Studios Ltd, {start:%-d} to {end:%-d %B %Y}, 9am to 4pm each day.",
        f"Present every day: {present}.",
        f"Absent all week: {absent.full_name} (off sick; the college told us on the Monday morning).",
        "Client brief: a booking app for a local gym, built in pairs with the studio's developers.",
        "Signed by Dev Mistry, Lead developer, Pixel Forge.",
    ]
    store_evidence(
        bytes_upload(_pdf("Work placement record – Pixel Forge", lines), "placement-record.pdf"),
        kind="attendance_record",
        by=ctx.objects["coordinator"],
        activity=placement,
        description="Placement record signed by the employer",
    )


def _planner(ctx: DemoContext, qualification: Qualification, year: str, activities: list[Activity]) -> None:
    riverside, coordinator = ctx.objects["riverside"], ctx.objects["coordinator"]
    if CentrePlan.objects.filter(centre=riverside, qualification=qualification, academic_year=year).exists():
        return
    plan = plan_service.create_plan(
        centre_id=riverside.pk,
        qualification=qualification,
        academic_year=year,
        by=coordinator,
        practitioner_sources="Pixel Forge (digital studio) and Aire Valley Bank's security team.",
        contingency_plan="A learner who misses the placement week makes it up at Pixel Forge in July.",
    )
    for activity in activities:
        first, last = activity.sessions.order_by("starts_at").first(), activity.sessions.order_by("starts_at").last()
        assert first is not None and last is not None
        row = plan_service.add_row(
            plan,
            PlanRow(
                unit=activity.units.get(),
                what=activity.title,
                when=f"{timezone.localtime(first.starts_at):%B %Y}",
                activity=activity,
            ),
            by=coordinator,
        )
        plan_service.update_row(
            row, by=coordinator, date_completed=timezone.localtime(last.ends_at).date(), comments="Delivered."
        )


def build(ctx: DemoContext, qualification: Qualification, year: str) -> LastYear:
    """The cohort and its year, idempotently (each part is created once)."""
    learners = _cohort(ctx, qualification, year)
    absent = learners[-1]
    activities = []
    for spec in _activities(int(year[:4])):
        activity = _activity(ctx, spec, qualification, year)
        _register(activity, learners, absent if spec["sick"] else None, ctx.objects["coordinator"])
        activities.append(activity)
    _placement_record(ctx, activities[-1], learners, absent)
    _planner(ctx, qualification, year, activities)
    return LastYear(year, learners, absent, activities[-1])
