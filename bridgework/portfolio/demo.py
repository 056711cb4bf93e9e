"""Demo step: the demo learner's portfolio (entries, a file, a weekly update), shared with the demo employer
contact under a data-sharing agreement, with feedback, an expert witness statement and published deadlines."""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, Participant
from bridgework.catalogue.models import Unit
from bridgework.core.demo import DemoContext
from bridgework.employers.models import Agreement
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import TeachingGroup
from bridgework.portfolio.models import (
    AssignmentDeadline,
    Attachment,
    ExpertWitnessStatement,
    Feedback,
    JournalEntry,
    Share,
    WeeklyUpdate,
)
from bridgework.portfolio.services.entries import week_start_of

# A 1x1 PNG standing in for the learner's screenshot.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
ENTRIES = [
    # (days before today, title, what happened, reflection, next steps)
    (
        8,
        "Induction at Aire Precision",
        "Safety induction, a tour of the machine shop and meeting my supervisor, Priya.",
        "There are far more checks before starting a job than I expected.",
        "Learn the names of the CNC machines and what each one makes.",
    ),
    (
        6,
        "Shadowing the support desk",
        "I logged three tickets and watched Priya fix a network printer.",
        "Asking the user what changed is the quickest first question.",
        "Write my own troubleshooting checklist.",
    ),
    (
        1,
        "Built a stock spreadsheet",
        "I built a spreadsheet that tracks tooling stock with conditional formatting for low stock.",
        "It worked, but I should have asked who would use it before starting.",
        "Show it to the stores team and collect their feedback.",
    ),
]


def _signed_agreement(ctx: DemoContext) -> Agreement:
    """The agreement the employers demo signed between the demo learner, the centre and Priya Nair: it is
    what lets the learner share entries with her."""
    agreement = (
        # Not agreements_in_force(now): the demo may be built for another day (tests pin one); sharing
        # itself is still decided by agreements_in_force whenever the portal is used.
        Agreement.objects.filter(completed_at__isnull=False, superseded_at__isnull=True)
        .filter(learner=ctx.objects["demo_learner"], employer_contact__user=ctx.objects["employer_user"])
        .select_related("employer", "employer_contact")
        .first()
    )
    if agreement is None:
        raise RuntimeError("The employers demo must sign the demo learner's agreement before the portfolio demo.")
    return agreement


def run(ctx: DemoContext) -> None:
    riverside, learner = ctx.objects["riverside"], ctx.objects["demo_learner"]
    agreement = _signed_agreement(ctx)
    person, employer = agreement.employer_contact, agreement.employer
    year = academic_year_of(ctx.today)
    enrolment = learner.enrolments.select_related("qualification").first()
    activity, created = Activity.objects.get_or_create(
        centre=riverside,
        title="IT support placement at Aire Precision",
        defaults={"type": "work_placement", "academic_year": year, "employer": employer, "status": "confirmed"},
    )
    if created:
        activity.qualifications.add(enrolment.qualification)
        activity.practitioners.add(person)
    Participant.objects.get_or_create(centre=riverside, activity=activity, learner=learner)
    starts = timezone.make_aware(datetime.combine(ctx.today - timedelta(days=7), time(9, 0)))
    session, _ = ActivitySession.objects.get_or_create(
        centre=riverside, activity=activity, starts_at=starts, defaults={"ends_at": starts + timedelta(hours=7)}
    )
    AttendanceMark.objects.get_or_create(
        centre=riverside, session=session, learner=learner, defaults={"mark": "present"}
    )
    ActivitySession.objects.get_or_create(
        centre=riverside,
        activity=activity,
        starts_at=starts + timedelta(days=14),
        defaults={"ends_at": starts + timedelta(days=14, hours=7), "place": "Aire Precision, Unit 4"},
    )

    entries = []
    for days, title, what, reflection, next_steps in ENTRIES:
        entry, _ = JournalEntry.objects.get_or_create(
            centre=riverside,
            learner=learner,
            title=title,
            defaults={
                "happened_on": ctx.today - timedelta(days=days),
                "what_happened": what,
                "reflection": reflection,
                "next_steps": next_steps,
                "activity": activity,
            },
        )
        entries.append(entry)
    if not entries[2].attachments.exists():
        attachment = Attachment(
            centre=riverside,
            entry=entries[2],
            name="stock-sheet.png",
            content_type="image/png",
            size=len(PNG),
            sha256=hashlib.sha256(PNG).hexdigest(),
        )
        attachment.file.save("stock-sheet.png", ContentFile(PNG), save=False)
        attachment.save()

    last_week = week_start_of(ctx.today - timedelta(days=7))
    update, created = WeeklyUpdate.objects.get_or_create(
        centre=riverside,
        learner=learner,
        week_start=last_week,
        defaults={"note": "My first full week on placement: induction and the support desk."},
    )
    if created:
        update.entries.set([e for e in entries if week_start_of(e.happened_on) == last_week])
    Share.objects.get_or_create(centre=riverside, learner=learner, person=person, update=update)
    Share.objects.get_or_create(centre=riverside, learner=learner, person=person, entry=entries[2])
    Feedback.objects.get_or_create(
        centre=riverside,
        entry=entries[0],
        person=person,
        defaults={"text": "A good first week. Keep asking questions: everyone here is happy to help."},
    )
    unit = Unit.objects.filter(qualification=enrolment.qualification).order_by("id").first()
    if unit is not None:
        ExpertWitnessStatement.objects.get_or_create(
            centre=riverside,
            learner=learner,
            person=person,
            unit=unit,
            defaults={
                "activity": activity,
                "observed_on": ctx.today - timedelta(days=6),
                "role_in_assessment": "Expert witness for the practical support task.",
                "what_observed": "Logged and resolved three support tickets with clear notes for the user.",
                "credentials": person.credentials,
                "why_suitable": person.why_suitable,
                "signed_name": person.full_name,
            },
        )
    group = TeachingGroup.objects.filter(centre=riverside, enrolments__learner=learner).first()
    for weeks, title in [(2, "Unit 1 assignment: IT fundamentals report"), (5, "Unit 2 practical: global information")]:
        AssignmentDeadline.objects.get_or_create(
            centre=riverside,
            title=title,
            defaults={
                "due_on": ctx.today + timedelta(weeks=weeks),
                "teaching_group": group,
                "qualification": None if group else enrolment.qualification,
                "created_by": ctx.objects["coordinator"],
            },
        )
