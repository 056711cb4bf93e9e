"""What employer people add through the portal: feedback on a shared entry and expert witness statements;
and what the centre publishes to them: assignment deadlines and activity dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from bridgework.activities.models import Activity, ActivitySession
from bridgework.catalogue.models import Unit
from bridgework.learners.models import Enrolment, Learner
from bridgework.portfolio.models import (
    AssignmentDeadline,
    EntryCitation,
    ExpertWitnessStatement,
    Feedback,
    JournalEntry,
)
from bridgework.portfolio.services.portal import PortalUser, person_for_learner, portal_entry_for

FEEDBACK_MAX = 2000


def leave_feedback(pu: PortalUser, entry_id: int, text: str) -> Feedback:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your feedback."})
    if len(text) > FEEDBACK_MAX:
        raise ValidationError({"text": f"Feedback must be {FEEDBACK_MAX} characters or fewer."})
    with transaction.atomic():
        # Re-check inside the transaction: a share revoked a moment ago must refuse the feedback.
        entry = portal_entry_for(pu, entry_id)
        JournalEntry.objects.select_for_update().filter(pk=entry.pk).first()
        person = person_for_learner(pu, entry.learner)
        return Feedback.objects.create(centre_id=entry.centre_id, entry=entry, person=person, text=text)


def units_for_learner(learner: Learner) -> QuerySet[Unit]:
    quals = Enrolment.objects.filter(learner=learner).values("qualification_id")
    return Unit.objects.filter(qualification_id__in=quals).select_related("qualification")


def activities_for_witness(pu: PortalUser, learner: Learner) -> QuerySet[Activity]:
    return Activity.objects.filter(participants__learner=learner, practitioners__in=pu.person_ids).distinct()


def write_witness_statement(pu: PortalUser, learner: Learner, **fields: Any) -> ExpertWitnessStatement:
    """The learner must be one of theirs (checked by the caller's `portal_learner_for`), the unit one of the
    learner's qualifications, the activity (if any) one they both took part in."""
    person = person_for_learner(pu, learner)
    errors: dict[str, str] = {}
    unit, activity = fields.get("unit"), fields.get("activity")
    if unit is None or not units_for_learner(learner).filter(pk=unit.pk).exists():
        errors["unit"] = "Choose a unit of the learner's qualification."
    if activity is not None and not activities_for_witness(pu, learner).filter(pk=activity.pk).exists():
        errors["activity"] = "Choose an activity you and the learner took part in, or none."
    observed_on = fields.get("observed_on")
    if observed_on is not None and observed_on > timezone.localdate():
        errors["observed_on"] = "The date observed must be today or in the past."
    signed_name = " ".join(str(fields.get("signed_name", "")).split())
    if len(signed_name) < 2:
        errors["signed_name"] = "Type your full name to sign the statement."
    if errors:
        raise ValidationError(errors)
    return ExpertWitnessStatement.objects.create(
        centre_id=learner.centre_id,
        learner=learner,
        person=person,
        activity=activity,
        unit=unit,
        observed_on=observed_on,
        role_in_assessment=fields["role_in_assessment"],
        what_observed=fields["what_observed"],
        credentials=fields["credentials"],
        why_suitable=fields["why_suitable"],
        signed_name=signed_name,
        signed_at=timezone.now(),
    )


def deadlines_for_learners(learner_ids: set[int], today: date | None = None) -> QuerySet[AssignmentDeadline]:
    """Published deadlines for the qualifications and teaching groups of these learners, from today on."""
    today = today or timezone.localdate()
    enrolments = Enrolment.objects.filter(learner_id__in=learner_ids)
    return (
        AssignmentDeadline.objects.filter(is_published=True, due_on__gte=today)
        .filter(
            Q(qualification_id__in=enrolments.values("qualification_id")) | Q(teaching_group__enrolments__in=enrolments)
        )
        .select_related("qualification", "teaching_group")
        .distinct()
        .order_by("due_on", "id")
    )


def activity_dates_for(pu: PortalUser, today: date | None = None) -> QuerySet[ActivitySession]:
    """Upcoming sessions of activities this person delivers or assesses."""
    today = today or timezone.localdate()
    return (
        ActivitySession.objects.filter(activity__practitioners__in=pu.person_ids, ends_at__date__gte=today)
        .select_related("activity")
        .distinct()
        .order_by("starts_at")
    )


def publish_deadline(centre_id: int, created_by: Any, **fields: Any) -> AssignmentDeadline:
    if fields.get("qualification") is None and fields.get("teaching_group") is None:
        raise ValidationError({"qualification": "Choose the qualification or the teaching group it applies to."})
    return AssignmentDeadline.objects.create(centre_id=centre_id, created_by=created_by, **fields)


def cite_entry(entry: JournalEntry, activity: Activity, note: str, cited_by: Any) -> EntryCitation:
    """Staff use an entry the learner shared with the centre as evidence for an activity they took part in."""
    if not entry.shared_with_centre:
        raise ValidationError("The learner has not shared this entry with the college.")
    if not activity.participants.filter(learner_id=entry.learner_id).exists():
        raise ValidationError({"activity": "Choose an activity this learner takes part in."})
    try:
        with transaction.atomic():
            return EntryCitation.objects.create(
                centre_id=entry.centre_id, entry=entry, activity=activity, note=note.strip(), cited_by=cited_by
            )
    except IntegrityError as exc:  # the unique constraint, also when two people cite at once
        raise ValidationError({"activity": "This entry is already cited as evidence for that activity."}) from exc
