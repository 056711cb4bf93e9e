"""Factories for the planner and tracker. Call them with scopes disabled (fixtures do; the permission
matrix's kwargs callables wrap them)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from bridgework.activities.models import (
    Activity,
    ActivitySession,
    CentrePlan,
    EvidenceFile,
    Participant,
    PlannedActivity,
)
from bridgework.activities.types import ActivityType
from bridgework.employers.models import Employer, EmployerPerson
from tests.world import CentreWorld, World

# The smallest valid PDF: enough for filetype to recognise it.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone())


def make_employer(c: CentreWorld, name: str = "Acme Engineering Ltd") -> Employer:
    return Employer.objects.get_or_create(centre=c.centre, legal_name=name)[0]


def make_practitioner(c: CentreWorld, employer: Employer | None = None, **extra: Any) -> EmployerPerson:
    return EmployerPerson.objects.create(
        centre=c.centre,
        given_name=extra.pop("given_name", "Pat"),
        family_name=extra.pop("family_name", "Engineer"),
        email=extra.pop("email", "pat@acme.test"),
        is_practitioner=True,
        **extra,
    )


def make_activity(
    w: World,
    c: CentreWorld,
    *,
    type: str = ActivityType.GUEST_LECTURE,
    sessions: int = 1,
    days_ago: int = 7,
    learners: bool = True,
    **extra: Any,
) -> Activity:
    """GIVEN a centre WHEN an activity for its engineering cohort is needed THEN one exists with `sessions` past
    sessions (one day apart, ending `days_ago` days ago) and the centre's learner taking part."""
    activity = Activity.objects.create(
        centre=c.centre,
        title=extra.pop("title", "Guest lecture: maintenance planning"),
        type=type,
        academic_year="2025/26",
        created_by=c.staff,
        **extra,
    )
    activity.qualifications.add(w.qualification)
    activity.units.add(w.qualification.units.first())
    for i in range(sessions):
        day = timezone.localdate() - timedelta(days=days_ago + i)
        ActivitySession.objects.create(
            centre=c.centre, activity=activity, starts_at=at(day, 10), ends_at=at(day, 11), place="Room E12"
        )
    if learners:
        Participant.objects.create(centre=c.centre, activity=activity, learner=c.learner)
    return activity


def make_plan(w: World, c: CentreWorld) -> CentrePlan:
    return CentrePlan.objects.get_or_create(centre=c.centre, qualification=w.qualification, academic_year="2025/26")[0]


def make_planned_row(w: World, c: CentreWorld) -> PlannedActivity:
    plan = make_plan(w, c)
    return PlannedActivity.objects.create(
        centre=c.centre, plan=plan, unit=w.qualification.units.first(), what="Guest lecture", when="Spring term"
    )


def make_evidence(w: World, c: CentreWorld) -> EvidenceFile:
    from django.core.files.base import ContentFile

    activity = make_activity(w, c)
    evidence = EvidenceFile(
        centre=c.centre,
        activity=activity,
        kind="lecture_subject",
        original_name="slides.pdf",
        content_type="application/pdf",
        size=len(TINY_PDF),
    )
    evidence.file.save("slides.pdf", ContentFile(TINY_PDF), save=False)
    evidence.save()
    return evidence
