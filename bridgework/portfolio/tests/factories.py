"""Factories for portfolio tests. Call them with scopes disabled (fixtures are) or inside a scope.

GIVEN a world (tests/world.py), `portal_setup(world, c)` builds, at centre `c`: an employer whose portal
person is `c.employer_user`, a data-sharing agreement in force between that person and `c.learner`, an
activity they both take part in (with a past session and a register), a journal entry with a PNG file, a
weekly update, both shared with the person, an expert witness statement and a published deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, Participant
from bridgework.employers.models import Affiliation, Agreement, AgreementSignature, Employer, EmployerPerson, Party
from bridgework.employers.services.agreements import withdraw_consent
from bridgework.learners.models import Learner
from bridgework.people.models import Centre, Role, User
from bridgework.people.services.centres import grant_role
from bridgework.portfolio.models import (
    AssignmentDeadline,
    Attachment,
    ExpertWitnessStatement,
    JournalEntry,
    Share,
    WeeklyUpdate,
)
from bridgework.portfolio.services import entries, sharing

# The smallest valid PNG: 1x1 transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def employer_person(centre: Centre, user: User | None = None, *, name: str = "Priya Shah") -> EmployerPerson:
    employer = Employer.objects.create(centre=centre, legal_name=f"{name} Engineering Ltd")
    given, family = name.split(" ", 1)
    person = EmployerPerson.objects.create(
        centre=centre,
        given_name=given,
        family_name=family,
        email=user.email if user else "",
        user=user,
        may_use_portal=True,
        is_practitioner=True,
        credentials="Chartered engineer, 15 years in manufacturing.",
    )
    Affiliation.objects.create(centre=centre, person=person, employer=employer, started_on=date(2020, 1, 1))
    return person


def portal_user_at(centre: Centre, email: str) -> User:
    user = User.objects.create_user(email=email, first_name="Other")
    grant_role(user, centre, Role.EMPLOYER_CONTACT)
    return user


def grant_sharing(learner: Learner, person: EmployerPerson) -> Any:
    """A signed agreement with data-sharing consent in force between the learner and the person (its employer
    contact), and an activity of that employer the learner takes part in. The agreement is completed directly
    with three signatures: rendering the signed PDF per test would only slow the suite."""
    employer = person.affiliations.first().employer
    now = timezone.now()
    agreement = Agreement.objects.create(
        centre=learner.centre,
        employer=employer,
        learner=learner,
        employer_contact=person,
        title=f"Placement at {employer}",
        objectives="Experience real engineering work.",
        learning_outcomes="Set up a lathe under supervision.",
        methods="Supervised practice.",
        protocols="The supervisor calls the tutor on any concern.",
        data_shared="Portfolio entries the learner chooses to share.",
        data_sharing_purpose="So the supervisor can give feedback.",
        starts_on=timezone.localdate() - timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=120),
        completed_at=now,
    )
    signer = learner.user or person.user
    for party in Party.values:
        AgreementSignature.objects.create(
            centre=learner.centre, agreement=agreement, party=party, typed_name="Signed", user=signer, signed_at=now
        )
    activity = Activity.objects.create(
        centre=learner.centre,
        title=f"Placement at {employer}",
        type="work_placement",
        academic_year="2025/26",
        employer=employer,
    )
    Participant.objects.create(centre=learner.centre, activity=activity, learner=learner)
    return activity


def withdraw_sharing(learner: Learner, person: EmployerPerson) -> None:
    """The learner withdraws consent to share with this person's employer (the real service)."""
    agreement = Agreement.objects.filter(learner=learner, employer_contact=person).first()
    withdraw_consent(agreement, user=learner.user)


def journal_entry(learner: Learner, **fields: Any) -> JournalEntry:
    values = {
        "title": "First week on the shop floor",
        "happened_on": timezone.localdate(),
        "what_happened": "I set up the lathe with my supervisor.",
        "reflection": "Measuring twice saved me a scrapped part.",
        "next_steps": "Practise reading engineering drawings.",
    }
    values.update(fields)
    return entries.create_entry(learner, **values)


@dataclass
class PortalSetup:
    person: EmployerPerson
    activity: Activity
    entry: JournalEntry
    attachment: Attachment
    update: WeeklyUpdate
    entry_share: Share
    update_share: Share
    statement: ExpertWitnessStatement
    deadline: AssignmentDeadline


def portal_setup(world: Any, c: Any) -> PortalSetup:
    """Idempotent per world and centre (rows call it for every case)."""
    key = f"portal:{c.centre.number}"
    if key in world.extra:
        return world.extra[key]
    person = employer_person(c.centre, c.employer_user)
    activity = grant_sharing(c.learner, person)
    activity.practitioners.add(person)
    activity.qualifications.add(c.enrolment.qualification)
    start = timezone.now() - timedelta(days=2)
    session = ActivitySession.objects.create(
        centre=c.centre, activity=activity, starts_at=start, ends_at=start + timedelta(hours=3)
    )
    AttendanceMark.objects.create(centre=c.centre, session=session, learner=c.learner, mark="present")
    entry = journal_entry(c.learner, activity=activity, title=f"Lathe work at {c.centre.name}")
    attachment = entries.add_attachment(entry, png_upload())
    update = entries.create_weekly_update(c.learner, entries.week_start_of(entry.happened_on), "A good week.")
    entry_share = sharing.share(c.learner, person, entry=entry)
    update_share = sharing.share(c.learner, person, update=update)
    unit = c.enrolment.qualification.units.first()
    statement = ExpertWitnessStatement.objects.create(
        centre=c.centre,
        learner=c.learner,
        person=person,
        activity=activity,
        unit=unit,
        observed_on=timezone.localdate(),
        role_in_assessment="Expert witness for the practical task.",
        what_observed="Safe, accurate set-up of the lathe.",
        credentials="Chartered engineer.",
        why_suitable="Supervises apprentices on this machine daily.",
        signed_name="Priya Shah",
    )
    deadline = AssignmentDeadline.objects.create(
        centre=c.centre,
        title="Unit 1 assignment",
        due_on=timezone.localdate() + timedelta(days=14),
        teaching_group=c.group,
    )
    setup = PortalSetup(person, activity, entry, attachment, update, entry_share, update_share, statement, deadline)
    world.extra[key] = setup
    return setup
