"""Demo step: plans, activities of every kind, registers with absences and a contingency, evidence files.

Chosen so the compliance view shows a mix: engineering is met (two guest lectures and a master class),
IT is on track (one lecture delivered, a master class confirmed), electrical is at risk (its placement is
blocked by missing employer checks) and cookery has only a careers fair, which never counts.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from bridgework.activities.models import (
    Activity,
    ActivitySession,
    AttendanceMark,
    CentrePlan,
    Contingency,
    EvidenceFile,
    Mark,
    PlannedActivity,
)
from bridgework.activities.services import plans as plan_service
from bridgework.activities.services.activities import add_groups
from bridgework.activities.services.evidence import store_evidence
from bridgework.catalogue.models import Qualification, Sector, Unit
from bridgework.core.demo import DemoContext
from bridgework.core.pdf import html_pdf
from bridgework.core.uploads import bytes_upload
from bridgework.employers.models import Employer, EmployerCheck, EmployerPerson
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import TeachingGroup

QUALS = {
    "IT": ("OCR", "OCR Level 3 Cambridge Technical Diploma in IT (e.g. Application Developer pathway)", "IT-L3-A"),
    "ENG": ("OCR", "OCR Level 3 Cambridge Technical Extended Diploma in Engineering", "ENG-L3-A"),
    "ELEC": ("CG", "City & Guilds Level 3 Advanced Technical Diploma in Electrical Installation (450)", "ELEC-L3-A"),
    "CHEF": ("CG", "City & Guilds Level 2 Technical Certificate in Professional Cookery", "CHEF-L2-A"),
}

EMPLOYERS = {
    # key: (legal name, trading name, practitioner given, family, job title, checks recorded); sectors below
    "rail": (
        "Northern Rail Engineering Ltd",
        "Northern Rail Engineering",
        "Marcus",
        "Boateng",
        "Maintenance engineer",
        True,
    ),
    "precision": ("Yorkshire Precision Engineering Ltd", "", "Hannah", "Kowalski", "Production manager", True),
    "pixel": ("Pixel Forge Studios Ltd", "Pixel Forge", "Dev", "Mistry", "Lead developer", True),
    "bank": ("Aire Valley Bank plc", "", "Rachel", "Osei", "Security architect", True),
    "brightwire": ("Brightwire Electrical Ltd", "Brightwire", "Gareth", "Pugh", "Qualified supervisor", False),
    "mill": ("The Old Mill Hotel Ltd", "The Old Mill", "Sophie", "Laurent", "Head pastry chef", True),
}

# Sectors make the employers relevant to the qualifications they serve (compliance rule 3).
EMPLOYER_SECTORS = {
    "rail": ["Engineering"],
    "precision": ["Engineering"],
    "pixel": ["IT", "Digital"],
    "bank": ["IT"],
    "brightwire": ["Building Services"],
    "mill": ["Hospitality"],
}

# (key, qualification, title, type, employer, units (numbers), delivery, status, sessions as (day offset, hour,
#  hours), description)
ACTIVITIES: list[tuple[Any, ...]] = [
    (
        "eng-gl1",
        "ENG",
        "Guest lecture: keeping trains running",
        "guest_lecture",
        "rail",
        ["4"],
        "live",
        "evidenced",
        [(-60, 10, 2)],
        "Planned and reactive maintenance of rolling stock; fault trees from real incidents.",
    ),
    (
        "eng-gl2",
        "ENG",
        "Guest lecture: CAD in rail component design",
        "guest_lecture",
        "rail",
        ["10"],
        "live",
        "delivered",
        [(-32, 13, 2)],
        "How 3D models become drawings and parts at a rail depot.",
    ),
    (
        "eng-mc",
        "ENG",
        "Master class: PLC fault finding",
        "master_class",
        "precision",
        ["3"],
        "live",
        "delivered",
        [(-18, 9, 3)],
        "Hands-on fault finding on a production-line PLC rig.",
    ),
    (
        "eng-gl3",
        "ENG",
        "Guest lecture: careers in renewable energy (recorded)",
        "guest_lecture",
        "rail",
        ["3"],
        "recorded",
        "delivered",
        [(-10, 14, 1)],
        "A recorded talk shown in class.",
    ),
    (
        "eng-wp",
        "ENG",
        "Work placement: Yorkshire Precision Engineering",
        "work_placement",
        "precision",
        ["4"],
        "live",
        "confirmed",
        [(75, 9, 7), (76, 9, 7), (77, 9, 7)],
        "Three days on the machining floor.",
    ),
    (
        "it-gl",
        "IT",
        "Guest lecture: secure software in banking",
        "guest_lecture",
        "bank",
        ["3"],
        "live",
        "delivered",
        [(-25, 10, 2)],
        "Threat modelling and secure coding in a regulated bank.",
    ),
    (
        "it-mc",
        "IT",
        "Master class: deploying an app to the cloud",
        "master_class",
        "pixel",
        ["6"],
        "live",
        "confirmed",
        [(16, 13, 3)],
        "Learners deploy their own app with a studio developer.",
    ),
    (
        "it-fa",
        "IT",
        "Formative assessment: client brief set by Pixel Forge",
        "formative_assessment",
        "pixel",
        ["6"],
        "live",
        "planned",
        [(95, 9, 3)],
        "",
    ),
    (
        "it-cv",
        "IT",
        "Careers talk: CVs for developers",
        "careers_talk",
        "pixel",
        [],
        "live",
        "planned",
        [(30, 15, 1)],
        "Useful, but a careers talk never counts.",
    ),
    (
        "elec-ew",
        "ELEC",
        "Expert witness: inspection and testing",
        "expert_witness",
        "brightwire",
        ["303"],
        "live",
        "delivered",
        [(-14, 9, 4)],
        "A qualified supervisor witnesses learners' inspection and testing.",
    ),
    (
        "elec-wp",
        "ELEC",
        "Work placement: Brightwire Electrical",
        "work_placement",
        "brightwire",
        ["302"],
        "live",
        "planned",
        [(60, 8, 8), (61, 8, 8)],
        "Two days on domestic rewires.",
    ),
    (
        "elec-pa",
        "ELEC",
        "Practical activity: consumer unit change",
        "practical_activity",
        "brightwire",
        ["302"],
        "live",
        "planned",
        [(40, 9, 3)],
        "",
    ),
    (
        "chef-fair",
        "CHEF",
        "Careers fair: hospitality futures",
        "careers_fair",
        "mill",
        [],
        "live",
        "delivered",
        [(-21, 11, 3)],
        "Stands from local hotels and restaurants.",
    ),
    (
        "chef-visit",
        "CHEF",
        "Employer visit: The Old Mill kitchens",
        "employer_visit",
        "mill",
        [],
        "live",
        "delivered",
        [(-40, 10, 2)],
        "A tour of a working hotel kitchen.",
    ),
    (
        "chef-mc",
        "CHEF",
        "Master class: laminated pastry",
        "master_class",
        "mill",
        ["204"],
        "live",
        "planned",
        [(50, 9, 3)],
        "",
    ),
]

PLANS = {
    "ENG": (
        "Northern Rail Engineering and Yorkshire Precision (both long-standing); the IET local network; alumni.",
        "Lectures are recorded; absent learners watch the recording and answer questions set by the speaker. "
        "A second master class date is kept free in the summer term.",
    ),
    "IT": (
        "Pixel Forge (digital studio) and Aire Valley Bank's security team.",
        "Catch-up sessions with Pixel Forge developers online.",
    ),
    "ELEC": ("Brightwire and two other contractors from the JIB list.", "A second placement window in June."),
    "CHEF": ("The Old Mill Hotel; the local Chefs' Forum.", "Learners who miss the master class join the June one."),
}


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _employers(ctx: DemoContext) -> dict[str, tuple[Employer, EmployerPerson]]:
    riverside = ctx.objects["riverside"]
    found = {}
    for key, (legal, trading, given, family, job, checked) in EMPLOYERS.items():
        employer, _ = Employer.objects.get_or_create(
            centre=riverside, legal_name=legal, defaults={"trading_name": trading, "status": "active"}
        )
        person, _ = EmployerPerson.objects.get_or_create(
            centre=riverside,
            given_name=given,
            family_name=family,
            defaults={
                "job_title": job,
                "email": f"{given.lower()}.{family.lower()}@example.com",
                "is_practitioner": True,
                "why_suitable": f"{job} with over ten years in the industry.",
            },
        )
        if checked:
            for kind in ("elci", "risk_assessment", "supervisor", "safeguarding", "dbs_decision"):
                if not EmployerCheck.objects.filter(employer=employer, kind=kind).exists():
                    EmployerCheck.objects.create(
                        centre=riverside,
                        employer=employer,
                        kind=kind,
                        checked_on=ctx.today - timedelta(days=90),
                        expires_on=ctx.today + timedelta(days=270) if kind in ("elci", "risk_assessment") else None,
                        details={"note": "Recorded for the demo"},
                    )
        if not employer.sectors.exists():
            employer.sectors.set(Sector.objects.filter(name__in=EMPLOYER_SECTORS[key]))
            person.sectors.set(Sector.objects.filter(name__in=EMPLOYER_SECTORS[key]))
        found[key] = (employer, person)
    ctx.objects.setdefault("employers", {}).update({k: v[0] for k, v in found.items()})
    return found


def _register(session: ActivitySession, group_learner_ids: list[int], by: Any, seed: int) -> None:
    for i, learner_id in enumerate(group_learner_ids):
        mark = Mark.PRESENT
        if (i + seed) % 7 == 3:
            mark = Mark.ABSENT
        elif (i + seed) % 11 == 5:
            mark = Mark.LATE
        elif (i + seed) % 13 == 8:
            mark = Mark.EXCUSED
        AttendanceMark.objects.get_or_create(
            centre_id=session.centre_id,
            session=session,
            learner_id=learner_id,
            defaults={"mark": mark, "marked_by": by, "marked_at": session.starts_at + timedelta(minutes=5)},
        )


def _pdf(title: str, lines: list[str]) -> bytes:
    from django.utils.html import escape

    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = f"<html><body style='font-family:sans-serif'><h1>{escape(title)}</h1>{body}</body></html>"
    return html_pdf(html)


def run(ctx: DemoContext) -> None:
    riverside = ctx.objects["riverside"]
    coordinator, admin = ctx.objects["coordinator"], ctx.objects["admin"]
    year = academic_year_of(ctx.today)
    employers = _employers(ctx)
    quals, groups = {}, {}
    for key, (ao, title, group_name) in QUALS.items():
        quals[key] = Qualification.objects.get(awarding_organisation__code=ao, title=title)
        groups[key] = TeachingGroup.objects.filter(centre=riverside, name=group_name, academic_year=year).first()

    activities: dict[str, Activity] = {}
    for key, qk, title, kind, ek, units, delivery, status, sessions, description in ACTIVITIES:
        employer, person = employers[ek]
        activity, created = Activity.objects.get_or_create(
            centre=riverside,
            title=title,
            academic_year=year,
            defaults={
                "type": kind,
                "description": description,
                "employer": employer,
                "delivery": delivery,
                "status": status,
                "health_safety_confirmed": status != "planned" or kind != "work_placement",
                "safeguarding_confirmed": status != "planned" or kind != "work_placement",
                "created_by": coordinator,
                "confirmed_by": coordinator if status != "planned" else None,
                "confirmed_at": timezone.now() - timedelta(days=70) if status != "planned" else None,
            },
        )
        activities[key] = activity
        if not created:
            continue
        activity.qualifications.add(quals[qk])
        activity.units.add(*Unit.objects.filter(qualification=quals[qk], number__in=units))
        activity.practitioners.add(person)
        if groups[qk] is not None:
            add_groups(activity, [groups[qk]])
        learner_ids = list(activity.participants.order_by("learner_id").values_list("learner_id", flat=True))
        for n, (offset, hour, hours) in enumerate(sessions):
            day = _weekday(ctx.today + timedelta(days=offset))
            session, _ = ActivitySession.objects.get_or_create(
                centre=riverside,
                activity=activity,
                starts_at=_at(day, hour),
                defaults={
                    "ends_at": _at(day, hour) + timedelta(hours=hours),
                    "place": "Riverside campus" if kind != "work_placement" else employer.legal_name,
                },
            )
            if session.ends_at < timezone.now():
                _register(session, learner_ids, coordinator, seed=len(title) + n)
                if status in ("delivered", "evidenced") and kind in ("guest_lecture", "master_class", "expert_witness"):
                    session.practitioner_confirmed_by = person
                    session.practitioner_confirmed_at = session.ends_at + timedelta(days=1)
                    session.save(update_fields=["practitioner_confirmed_by", "practitioner_confirmed_at"])

    # A contingency for one learner who missed the master class: they watched the recording.
    master_class = activities["eng-mc"].sessions.first()
    absent = AttendanceMark.objects.filter(session=master_class, mark=Mark.ABSENT).order_by("learner_id").first()
    if absent and not Contingency.objects.filter(missed_session=master_class, learner_id=absent.learner_id).exists():
        Contingency.objects.create(
            centre=riverside,
            learner_id=absent.learner_id,
            missed_session=master_class,
            kind="recording_watched",
            description="Off sick; watched the recording of the fault-finding demonstration and did the worksheet.",
            completed_on=ctx.today - timedelta(days=12),
            recorded_by=coordinator,
        )

    # Evidence files for the evidenced guest lecture (generated PDFs, stored through the storage API).
    lecture = activities["eng-gl1"]
    if not EvidenceFile.objects.filter(activity=lecture).exists():
        store_evidence(
            bytes_upload(
                _pdf(
                    "Signed register – keeping trains running", ["Signed by Marcus Boateng, Northern Rail Engineering."]
                ),
                "signed-register.pdf",
            ),
            kind="attendance_record",
            by=coordinator,
            activity=lecture,
        )
        store_evidence(
            bytes_upload(
                _pdf("Lecture outline", ["Planned and reactive maintenance", "Fault trees from real incidents"]),
                "lecture-outline.pdf",
            ),
            kind="lecture_subject",
            by=coordinator,
            activity=lecture,
            description="Speaker's outline",
        )

    # Plans: the OCR Centre Plan / C&G tracker rows, linked to the activities that deliver them.
    for qk, (sources, contingency) in PLANS.items():
        plan = CentrePlan.objects.filter(centre=riverside, qualification=quals[qk], academic_year=year).first()
        if plan is not None:
            continue
        plan = plan_service.create_plan(
            centre_id=riverside.pk,
            qualification=quals[qk],
            academic_year=year,
            by=coordinator,
            practitioner_sources=sources,
            contingency_plan=contingency,
        )
        for key, aqk, title, _kind, _ek, units, _d, status, sessions, _desc in ACTIVITIES:
            if aqk != qk or not units:
                continue
            day = _weekday(ctx.today + timedelta(days=sessions[0][0]))
            row = plan_service.add_row(
                plan,
                PlannedActivity(
                    unit=Unit.objects.get(qualification=quals[qk], number=units[0]),
                    what=title,
                    when=f"{day:%B %Y}",
                    activity=activities[key],
                ),
                by=coordinator,
            )
            if status in ("delivered", "evidenced"):
                plan_service.update_row(row, by=coordinator, date_completed=day, comments="Delivered as planned.")
        if qk == "ELEC":
            dropped = plan_service.add_row(
                plan,
                PlannedActivity(
                    unit=Unit.objects.get(qualification=quals[qk], number="304"),
                    what="Site visit with a solar installer",
                    when="Autumn term",
                ),
                by=coordinator,
            )
            plan_service.withdraw_row(
                dropped, by=admin, reason="The installer closed; replaced by the Brightwire placement."
            )
    ctx.objects["activities"] = activities
