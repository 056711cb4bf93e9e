"""Activities with employers, their sessions, who takes part, registers and contingencies.

Plans, evidence and calendars are added by the planner feature; compliance reads these tables.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bridgework.activities.types import ActivityType
from bridgework.core.tenancy import CentreOwned


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    CONFIRMED = "confirmed", "Confirmed"
    DELIVERED = "delivered", "Delivered"
    EVIDENCED = "evidenced", "Evidenced"
    CANCELLED = "cancelled", "Cancelled"


class Delivery(models.TextChoices):
    LIVE = "live", "Live (in person or real-time online)"
    RECORDED = "recorded", "Recorded"


class Activity(CentreOwned):
    title = models.CharField(max_length=200)
    type = models.CharField(max_length=30, choices=ActivityType.choices)
    description = models.TextField(blank=True)
    qualifications = models.ManyToManyField("catalogue.Qualification", related_name="+")
    # The units of mandatory content covered; each belongs to one of `qualifications` (checked by the service).
    units = models.ManyToManyField("catalogue.Unit", related_name="+", blank=True)
    academic_year = models.CharField(max_length=7)
    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.PROTECT, null=True, blank=True, related_name="activities"
    )
    practitioners = models.ManyToManyField("employers.EmployerPerson", related_name="activities", blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.LIVE)
    status = models.CharField(max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED)
    teaching_groups = models.ManyToManyField("learners.TeachingGroup", related_name="activities", blank=True)
    health_safety_confirmed = models.BooleanField(default=False)
    safeguarding_confirmed = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # An admin may confirm despite missing employer checks; the reason is kept.
    checks_override_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["centre", "academic_year", "status"], name="activity_year_status_idx")]

    def __str__(self) -> str:
        return self.title


class Participant(CentreOwned):
    """A learner taking part in an activity (directly, or added through a teaching group)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    learner = models.ForeignKey("learners.Learner", on_delete=models.CASCADE, related_name="participations")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "learner"], name="participant_once")]
        indexes = [models.Index(fields=["centre", "learner"], name="participant_learner_idx")]

    def __str__(self) -> str:
        return f"{self.learner} in {self.activity}"


class ActivitySession(CentreOwned):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    # The practitioner's confirmation of the register, through their signed link (no password).
    practitioner_confirmed_by = models.ForeignKey(
        "employers.EmployerPerson", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    practitioner_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
        ]
        indexes = [models.Index(fields=["centre", "starts_at"], name="session_start_idx")]

    def __str__(self) -> str:
        return f"{self.activity} – {timezone.localtime(self.starts_at):%-d %b %Y %H:%M}"


class Mark(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    LEFT_EARLY = "left_early", "Left early"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excused"


# Marks that mean the learner took part in the session (domain: "present or late at every session").
ATTENDED_MARKS = frozenset({Mark.PRESENT, Mark.LATE})


class CustomAttendanceStatus(CentreOwned):
    """An extra register status a centre admin adds (e.g. "Attended remotely"), and whether it counts."""

    code = models.SlugField(max_length=20)
    label = models.CharField(max_length=60)
    counts_as_attended = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "code"], name="custom_status_code")]

    def __str__(self) -> str:
        return self.label


class AttendanceMark(CentreOwned):
    session = models.ForeignKey(ActivitySession, on_delete=models.CASCADE, related_name="marks")
    learner = models.ForeignKey("learners.Learner", on_delete=models.CASCADE, related_name="attendance_marks")
    mark = models.CharField(max_length=20, help_text="A Mark value or a centre's custom status code.")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)
    # How the mark was made: by staff, by the learner's QR self check-in, or confirmed by the practitioner.
    source = models.CharField(max_length=20, default="staff")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "learner"], name="mark_once_per_session")]
        indexes = [models.Index(fields=["centre", "learner"], name="mark_learner_idx")]

    def __str__(self) -> str:
        return f"{self.learner}: {self.mark} at {self.session}"


class ContingencyKind(models.TextChoices):
    RECORDING_WATCHED = "recording_watched", "Watched a recording"
    CATCH_UP_SESSION = "catch_up_session", "Catch-up session"
    OTHER_ACTIVITY = "other_activity", "Another activity"
    OTHER = "other", "Something else (see the description)"


class Contingency(CentreOwned):
    """What was done for a learner who missed a live session (domain.md §4). Always flagged as contingency:
    a recording is never live involvement."""

    learner = models.ForeignKey("learners.Learner", on_delete=models.CASCADE, related_name="contingencies")
    missed_session = models.ForeignKey(ActivitySession, on_delete=models.CASCADE, related_name="contingencies")
    kind = models.CharField(max_length=20, choices=ContingencyKind.choices)
    description = models.TextField()
    replacement_activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "contingencies"
        constraints = [
            models.UniqueConstraint(fields=["learner", "missed_session"], name="contingency_once_per_missed_session"),
        ]

    def __str__(self) -> str:
        return f"Contingency for {self.learner}: {self.get_kind_display()}"


from bridgework.activities.planning import (  # noqa: E402  (re-exported: one import place for the app's models)
    CalendarFeed,
    CentrePlan,
    EvidenceFile,
    EvidenceKind,
    FeedKind,
    PlannedActivity,
    PlanRevision,
    UsedCheckinToken,
)

__all__ = [
    "ATTENDED_MARKS",
    "Activity",
    "ActivitySession",
    "ActivityStatus",
    "AttendanceMark",
    "CalendarFeed",
    "CentrePlan",
    "Contingency",
    "ContingencyKind",
    "CustomAttendanceStatus",
    "Delivery",
    "EvidenceFile",
    "EvidenceKind",
    "FeedKind",
    "Mark",
    "Participant",
    "PlanRevision",
    "PlannedActivity",
    "UsedCheckinToken",
]
