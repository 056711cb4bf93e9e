"""The learner's e-portfolio (seed 002): journal entries with attachments, weekly updates, the learner's
shares with employer contacts, what those contacts did with them (views, feedback), expert witness
statements and the centre's published assignment deadlines.

Every row is centre-owned. `export_id`s are stable across export and import so that re-importing the same
portfolio creates nothing twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned


class JournalEntry(CentreOwned):
    """What happened, what the learner makes of it and what to do next (seed 001 §1.2)."""

    learner = models.ForeignKey("learners.Learner", on_delete=models.CASCADE, related_name="journal_entries")
    export_id = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=200)
    happened_on = models.DateField("Date it happened", default=timezone.localdate)
    what_happened = models.TextField("What happened")
    reflection = models.TextField("What I think about it", blank=True)
    next_steps = models.TextField("What I will do next", blank=True)
    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="journal_entries"
    )
    unit = models.ForeignKey("catalogue.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    shared_with_centre = models.BooleanField(
        "Share with my college",
        default=True,
        help_text="Your tutors can see it and use it as evidence. Employers see only what you share with them.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name_plural = "journal entries"
        constraints = [models.UniqueConstraint(fields=["learner", "export_id"], name="journal_entry_export_once")]
        indexes = [models.Index(fields=["centre", "learner", "happened_on"], name="journal_learner_idx")]

    def __str__(self) -> str:
        return self.title


class Attachment(CentreOwned):
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="attachments")
    export_id = models.UUIDField(default=uuid.uuid4, editable=False)
    file = models.FileField(upload_to="portfolio/%Y/%m/")
    name = models.CharField(max_length=120, help_text="The checked file name shown and used for downloads.")
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["entry", "export_id"], name="attachment_export_once")]

    def __str__(self) -> str:
        return self.name


class WeeklyUpdate(CentreOwned):
    """One update a week gathering that week's entries, with the learner's note to their employer."""

    learner = models.ForeignKey("learners.Learner", on_delete=models.CASCADE, related_name="weekly_updates")
    export_id = models.UUIDField(default=uuid.uuid4, editable=False)
    week_start = models.DateField(help_text="The Monday of the week.")
    note = models.TextField("Note", blank=True)
    entries = models.ManyToManyField(JournalEntry, related_name="weekly_updates", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-week_start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "week_start"], name="weekly_update_once_per_week"),
            models.UniqueConstraint(fields=["learner", "export_id"], name="weekly_update_export_once"),
        ]

    def __str__(self) -> str:
        return f"Week beginning {self.week_start:%-d %B %Y}"


class Share(CentreOwned):
    """The learner lets one employer contact see one entry or one weekly update, until revoked or expired.
    It is only ever honoured while data sharing is in force under the tripartite agreement."""

    learner = models.ForeignKey("learners.Learner", on_delete=models.CASCADE, related_name="portfolio_shares")
    person = models.ForeignKey("employers.EmployerPerson", on_delete=models.CASCADE, related_name="portfolio_shares")
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="shares")
    update = models.ForeignKey(WeeklyUpdate, on_delete=models.CASCADE, null=True, blank=True, related_name="shares")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(entry__isnull=False) & Q(update__isnull=True))
                | (Q(entry__isnull=True) & Q(update__isnull=False)),
                name="share_entry_xor_update",
            ),
        ]
        indexes = [models.Index(fields=["centre", "person", "revoked_at"], name="share_person_idx")]

    def __str__(self) -> str:
        return f"{self.entry or self.update} shared with {self.person}"

    def is_live(self, at: object | None = None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)  # type: ignore[operator]


class PortalAction(models.TextChoices):
    VIEW = "view", "Viewed"
    DOWNLOAD = "download", "Downloaded a file"
    FEEDBACK = "feedback", "Left feedback"
    WITNESS_STATEMENT = "witness_statement", "Wrote an expert witness statement"
    CONFIRM_REGISTER = "confirm_register", "Confirmed a register"
    NOT_FOUND = "not_found", "Asked for something not shared with them"


class PortalAccessLog(models.Model):
    """Every employer-portal page and action: who, when, what. Not centre-scoped because a portal page may
    span the centres a person works with; it is written by `portfolio.services.audit` and read only filtered
    by an object the reader has already been allowed to see (the learner's own entry, for example)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "employers.EmployerPerson", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    centre = models.ForeignKey("people.Centre", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=20, choices=PortalAction.choices)
    path = models.CharField(max_length=300)
    learner = models.ForeignKey("learners.Learner", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    update = models.ForeignKey(WeeklyUpdate, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["entry", "at"], name="portal_log_entry_idx"),
            models.Index(fields=["update", "at"], name="portal_log_update_idx"),
            models.Index(fields=["user", "at"], name="portal_log_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display().lower()} {self.path}"


class Feedback(CentreOwned):
    """An employer contact's comment on a shared entry. One-way by design: no replies, no threads, so the
    portal never becomes a free channel between adults and 16–17-year-olds."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey("employers.EmployerPerson", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"Feedback from {self.person} on {self.entry}"


class ExpertWitnessStatement(CentreOwned):
    """A practitioner's statement contributing to assessment (seed 001 §2.2): their role, what they observed,
    against which unit, their credentials and why they are suitable; signed with their typed name."""

    learner = models.ForeignKey("learners.Learner", on_delete=models.PROTECT, related_name="witness_statements")
    person = models.ForeignKey("employers.EmployerPerson", on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey("catalogue.Unit", on_delete=models.PROTECT, related_name="+")
    observed_on = models.DateField("Date observed")
    role_in_assessment = models.TextField("Your role in the assessment")
    what_observed = models.TextField("What you observed")
    credentials = models.TextField("Your qualifications and experience")
    why_suitable = models.TextField("Why you are suitable to be an expert witness for this unit")
    signed_name = models.CharField("Your full name", max_length=200)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_at", "-id"]
        indexes = [models.Index(fields=["centre", "learner"], name="witness_learner_idx")]

    def __str__(self) -> str:
        return f"Expert witness statement by {self.signed_name} for {self.learner}"


class AssignmentDeadline(CentreOwned):
    """A deadline the centre publishes to the employers of the learners it concerns (seed 002)."""

    title = models.CharField(max_length=200)
    due_on = models.DateField("Due date")
    qualification = models.ForeignKey(
        "catalogue.Qualification", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    teaching_group = models.ForeignKey(
        "learners.TeachingGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    details = models.TextField(blank=True)
    is_published = models.BooleanField("Show to employers", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(qualification__isnull=False) | Q(teaching_group__isnull=False),
                name="deadline_for_qualification_or_group",
                violation_error_message="Choose the qualification or the teaching group the deadline is for.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EntryCitation(CentreOwned):
    """Staff cite an entry the learner shared with the centre as evidence for an activity."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="citations")
    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE, related_name="cited_entries")
    note = models.CharField(max_length=300, blank=True)
    cited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    cited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-cited_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["entry", "activity"], name="entry_cited_once_per_activity")]

    def __str__(self) -> str:
        return f"{self.entry} cited for {self.activity}"
