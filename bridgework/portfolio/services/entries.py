"""The learner writes journal entries, attaches files and gathers a week's entries into a weekly update."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bridgework.learners.models import Enrolment, Learner
from bridgework.portfolio.models import Attachment, JournalEntry, WeeklyUpdate
from bridgework.portfolio.services.access import check_file

ENTRY_FIELDS = (
    "title",
    "happened_on",
    "what_happened",
    "reflection",
    "next_steps",
    "activity",
    "unit",
    "shared_with_centre",
)
MAX_ATTACHMENTS_PER_ENTRY = 20


def learner_for(user: Any) -> Learner | None:
    """The learner record a signed-in learner writes into: their newest, within the current scope."""
    return Learner.objects.filter(user=user).order_by("-created_at", "-id").first()


def _check_links(learner: Learner, fields: dict[str, Any]) -> None:
    activity, unit = fields.get("activity"), fields.get("unit")
    if activity is not None and not activity.participants.filter(learner=learner).exists():
        raise ValidationError({"activity": "Choose an activity you take part in."})
    if (
        unit is not None
        and not Enrolment.objects.filter(learner=learner, qualification_id=unit.qualification_id).exists()
    ):
        raise ValidationError({"unit": "Choose a unit of a qualification you are enrolled on."})


def create_entry(learner: Learner, **fields: Any) -> JournalEntry:
    _check_links(learner, fields)
    values = {k: v for k, v in fields.items() if k in ENTRY_FIELDS}
    return JournalEntry.objects.create(centre_id=learner.centre_id, learner=learner, **values)


def update_entry(entry: JournalEntry, **fields: Any) -> JournalEntry:
    _check_links(entry.learner, fields)
    for name, value in fields.items():
        if name in ENTRY_FIELDS:
            setattr(entry, name, value)
    entry.save()
    return entry


def add_attachment(entry: JournalEntry, upload: Any) -> Attachment:
    checked = check_file(upload)
    with transaction.atomic():
        # Lock the entry: two uploads at once must not both pass the per-entry limit.
        JournalEntry.objects.select_for_update().filter(pk=entry.pk).first()
        if entry.attachments.count() >= MAX_ATTACHMENTS_PER_ENTRY:
            raise ValidationError(f"An entry can have at most {MAX_ATTACHMENTS_PER_ENTRY} files.")
        attachment = Attachment(
            centre_id=entry.centre_id,
            entry=entry,
            name=checked.safe_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        attachment.file.save(checked.safe_name, upload, save=False)
        attachment.save()
    return attachment


def week_start_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def entries_for_week(learner: Learner, week_start: date) -> list[JournalEntry]:
    return list(
        JournalEntry.objects.filter(
            learner=learner, happened_on__gte=week_start, happened_on__lt=week_start + timedelta(days=7)
        ).order_by("happened_on", "id")
    )


def create_weekly_update(learner: Learner, week_start: date, note: str) -> WeeklyUpdate:
    """Gathers every entry of the week into one update. One update per week: write entries first."""
    if week_start.weekday() != 0:
        raise ValidationError({"week_start": "Choose the Monday the week starts on."})
    entries = entries_for_week(learner, week_start)
    if not entries:
        raise ValidationError({"week_start": "You have no journal entries in that week. Write an entry first."})
    try:
        with transaction.atomic():
            update = WeeklyUpdate.objects.create(
                centre_id=learner.centre_id, learner=learner, week_start=week_start, note=note.strip()
            )
            update.entries.set(entries)
    except IntegrityError as exc:  # the unique constraint answers a double submit or an earlier update
        raise ValidationError({"week_start": "You have already sent an update for that week."}) from exc
    return update
