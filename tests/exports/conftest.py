"""A small cohort for the exports, at the compliance factories' fixed clock (10 Feb 2026, academic year 2025/26).

GIVEN centre A's plan for a test qualification WHEN the exports read it THEN they find:
- planned row "Guest lectures on maintenance" (unit 1, Spring term), delivered by two guest lectures of "Arup"
  with practitioner Pat Smith; an uploaded "slides.pdf";
- planned row "Summer placement" (unit 3), not arranged yet;
- an activity nobody planned: a work placement with "Arup" (unit 3), two 7-hour days, site LS1 4AP;
- learners: Ada (number 4821, ULN 9276308686) at both lectures: met; Bob at the first, the second covered by
  a watched recording: met through a contingency; Cy with nothing: not yet met (at risk);
- centre B: the same qualification with a learner and an activity of its own (never in A's exports).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from bridgework.activities.models import Activity, CentrePlan, EvidenceFile, PlannedActivity
from bridgework.catalogue.models import Qualification, Unit
from bridgework.compliance.tests import factories as f
from bridgework.employers.models import EmployerPerson, EmployerSite
from bridgework.learners.models import Enrolment, Learner, LearnerAwardingNumber
from tests.planner_factories import TINY_PDF

FORMULA = '=HYPERLINK("http://x","y")'


@dataclass
class Cohort:
    centre: Any
    qualification: Qualification
    plan: CentrePlan
    lectures: Activity
    placement: Activity
    ada: Enrolment
    bob: Enrolment
    cy: Enrolment


def named(centre: Any, q: Qualification, given: str, family: str, **extra: Any) -> Enrolment:
    enrolment = f.learner(centre, q)
    Learner.objects.filter(pk=enrolment.learner_id).update(given_name=given, family_name=family, **extra)
    enrolment.learner.refresh_from_db()
    return enrolment


def add_learners(cohort: Cohort, n: int, prefix: str = "Extra") -> None:
    """n more learners at both lectures, each with an enrolment number (the tracker must not query per learner)."""
    for i in range(n):
        e = named(cohort.centre, cohort.qualification, f"{prefix}{i}", "Learner")
        LearnerAwardingNumber.objects.create(
            centre=cohort.centre,
            learner=e.learner,
            awarding_organisation=cohort.qualification.awarding_organisation,
            number=f"{prefix}{i}",
        )
        f.join(cohort.lectures, e)
        f.mark(cohort.lectures, e, "present")
        f.join(cohort.placement, e)


@pytest.fixture
def cohort(world: Any) -> Cohort:
    centre = world.a.centre
    q = f.qualification()
    plan = CentrePlan.objects.create(
        centre=centre,
        qualification=q,
        academic_year="2025/26",
        practitioner_sources="Local engineering firms",
        contingency_plan="Recordings and catch-up sessions",
    )
    lectures = f.activity(
        centre,
        q,
        type="guest_lecture",
        units=("1",),
        status="delivered",
        sessions=(f.past(days=14), f.past(days=7)),
        title="Guest lectures: maintenance",
    )
    pat = EmployerPerson.objects.create(
        centre=centre, given_name="Pat", family_name="Smith", job_title="Senior engineer", is_practitioner=True
    )
    lectures.practitioners.add(pat)
    placement = f.activity(
        centre,
        q,
        type="work_placement",
        units=("3",),
        status="confirmed",
        sessions=(f.past(days=21, hours=7), f.past(days=20, hours=7)),
        title="Work placement at Arup",
    )
    placement.employer = lectures.employer
    placement.save(update_fields=["employer"])
    lectures.employer.company_number = "01234567"
    lectures.employer.ern = "123456789"
    lectures.employer.save(update_fields=["company_number", "ern"])
    EmployerSite.objects.create(
        centre=centre, employer=lectures.employer, name="Leeds", postcode="LS1 4AP", is_primary=True
    )
    PlannedActivity.objects.create(
        centre=centre,
        plan=plan,
        unit=Unit.objects.get(qualification=q, number="1"),
        what="Guest lectures on maintenance",
        when="Spring term",
        comments="Two sessions",
        activity=lectures,
    )
    PlannedActivity.objects.create(
        centre=centre,
        plan=plan,
        unit=Unit.objects.get(qualification=q, number="3"),
        what="Summer placement",
        when="June",
    )
    evidence = EvidenceFile(
        centre=centre,
        activity=lectures,
        kind="lecture_subject",
        original_name="slides.pdf",
        content_type="application/pdf",
        size=len(TINY_PDF),
    )
    evidence.file.save("slides.pdf", ContentFile(TINY_PDF), save=False)
    evidence.save()

    ada = named(centre, q, "Ada", "Lovelace", uln="9276308686", mis_ref="ADA1")
    LearnerAwardingNumber.objects.create(
        centre=centre, learner=ada.learner, awarding_organisation=q.awarding_organisation, number="4821"
    )
    f.join(lectures, ada)
    f.mark(lectures, ada, "present")
    f.join(placement, ada)
    f.mark(placement, ada, "present", session_index=0)
    f.mark(placement, ada, "absent", session_index=1)
    bob = named(centre, q, "Bob", "Babbage")
    f.join(lectures, bob)
    f.mark(lectures, bob, "present", session_index=0)
    f.mark(lectures, bob, "absent", session_index=1)
    f.contingency(lectures, bob, session_index=1)
    cy = named(centre, q, "Cy", "Cerf")

    other = named(world.b.centre, q, "Other", "Centre")
    elsewhere = f.activity(world.b.centre, q, type="work_placement", sessions=(f.past(days=3),), title="B's placement")
    f.join(elsewhere, other)
    return Cohort(centre, q, plan, lectures, placement, ada, bob, cy)


@pytest.fixture
def staff_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.a.staff)
    return client


def the_day(days_ago: int) -> str:
    """The label the exports give a session day of f.past(days_ago)."""
    start, _ = f.past(days=days_ago)
    from django.utils import timezone

    return f"{timezone.localtime(start):%-d %b %Y}"


def a_date(days_ago: int) -> date:
    from django.utils import timezone

    return timezone.localdate(f.past(days=days_ago)[0])
