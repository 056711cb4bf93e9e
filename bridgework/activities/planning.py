"""Centre plans (the OCR "MEI Centre Plan", the C&G "Planner and Tracker"), evidence files, check-in
tokens and calendar feeds. Kept beside models.py so each module stays small; models.py re-exports them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned


class CentrePlan(CentreOwned):
    """A centre's plan for employer involvement on one qualification in one academic year."""

    qualification = models.ForeignKey("catalogue.Qualification", on_delete=models.PROTECT, related_name="+")
    academic_year = models.CharField(max_length=7)
    practitioner_sources = models.TextField(
        "where suitable practitioners will come from",
        blank=True,
        help_text="For example the employers you work with, professional bodies, alumni.",
    )
    contingency_plan = models.TextField(
        "contingency for absent learners",
        blank=True,
        help_text="What absent learners will do instead: recordings, catch-up sessions, another activity.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-academic_year", "qualification__title"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "qualification", "academic_year"], name="plan_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.qualification} ({self.academic_year})"


class PlannedActivity(CentreOwned):
    """One row of the plan: the OCR Centre Plan fields. Withdrawn rows are kept, never deleted."""

    plan = models.ForeignKey(CentrePlan, on_delete=models.CASCADE, related_name="planned_activities")
    unit = models.ForeignKey("catalogue.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    what = models.TextField("what do you plan to do")
    when = models.CharField("when", max_length=100, help_text="For example Spring term, week 3, or March 2026.")
    date_completed = models.DateField(null=True, blank=True)
    comments = models.TextField(blank=True)
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_rows",
        help_text="The activity that delivers this row, once it is arranged.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit_id", "created_at", "id"]
        verbose_name_plural = "planned activities"

    def __str__(self) -> str:
        return self.what[:60]


class PlanRevision(CentreOwned):
    """Every change to a plan or its rows: who, when, what changed (old → new). Plans are never overwritten
    silently: the C&G tracker asks for changes through the year to be recorded."""

    plan = models.ForeignKey(CentrePlan, on_delete=models.CASCADE, related_name="revisions")
    planned_activity = models.ForeignKey(
        PlannedActivity, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    action = models.CharField(max_length=20)  # created, changed, withdrawn
    changes = models.JSONField(default=dict, blank=True)  # {field label: [old, new]}
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.plan} at {self.changed_at:%Y-%m-%d %H:%M}"


class EvidenceKind(models.TextChoices):
    ATTENDANCE_RECORD = "attendance_record", "Attendance or participation record"
    EMPLOYER_CONTACT = "employer_contact", "Employer contact details"
    DATES = "dates", "Dates"
    LEARNER_WORKBOOK = "learner_workbook", "Learner workbooks"
    ACTIVITY_DETAILS = "activity_details", "Details of the activity"
    TASK_DESCRIPTION = "task_description", "Task description and the employer's part"
    AWARDING_BODY_CONFIRMATION = "awarding_body_confirmation", "Confirmation from the awarding body"
    LECTURE_SUBJECT = "lecture_subject", "Lecture subject"
    MASTER_CLASS_DETAILS = "master_class_details", "Details of the master class"
    ROLE_IN_ASSESSMENT = "role_in_assessment", "Role in assessment"
    RECORD_OF_INVOLVEMENT = "record_of_involvement", "Record of involvement"
    WHY_SUITABLE = "why_suitable", "Why the practitioner is suitable"
    RECORDING = "recording", "Recording of the activity"
    OTHER = "other", "Other"


class EvidenceFile(CentreOwned):
    """A file kept as evidence for an activity, one of its sessions, or a learner's record."""

    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    session = models.ForeignKey(
        "activities.ActivitySession", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    description = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to="evidence/%Y/%m/", max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(activity__isnull=False) | models.Q(learner__isnull=False),
                name="evidence_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class UsedCheckinToken(CentreOwned):
    """A QR check-in token a learner has used: each token works once per learner."""

    session = models.ForeignKey("activities.ActivitySession", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey("learners.Learner", on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=32)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nonce", "learner"], name="checkin_token_once_per_learner")]


class FeedKind(models.TextChoices):
    CENTRE = "centre", "Whole centre"
    STAFF = "staff", "My activities"
    EMPLOYER = "employer", "One employer"


class CalendarFeed(CentreOwned):
    """A secret iCalendar feed URL. Only a hash of the secret is kept; revoking stops it at once."""

    kind = models.CharField(max_length=10, choices=FeedKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} feed"
