"""Requests for additional evidence (seed 001 §2.2: audit, malpractice, exemplar) as a two-sided thread,
and OCR-style visiting moderator reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned


class RequestPurpose(models.TextChoices):
    AUDIT = "audit", "Audit"
    MALPRACTICE = "malpractice", "Suspected malpractice"
    EXEMPLAR = "exemplar", "Best-practice exemplar"


class RequestState(models.TextChoices):
    OPEN = "open", "Waiting for the centre"
    ANSWERED = "answered", "Answered by the centre"
    CLOSED = "closed", "Closed"


class Side(models.TextChoices):
    MODERATOR = "moderator", "Moderator"
    CENTRE = "centre", "Centre"


class EvidenceRequest(CentreOwned):
    qualification = models.ForeignKey("catalogue.Qualification", on_delete=models.PROTECT, related_name="+")
    submission = models.ForeignKey(
        "moderation.Submission", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence_requests"
    )
    purpose = models.CharField(max_length=12, choices=RequestPurpose.choices)
    subject = models.CharField(max_length=200)
    due_on = models.DateField()
    state = models.CharField(max_length=10, choices=RequestState.choices, default=RequestState.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class EvidenceMessage(CentreOwned):
    request = models.ForeignKey(EvidenceRequest, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(max_length=10, choices=Side.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_side_display()} message on {self.request_id}"


class VisitReport(CentreOwned):
    """A visiting moderator's record of a visit (OCR): the MEI centre plan reviewed, and comments."""

    qualification = models.ForeignKey("catalogue.Qualification", on_delete=models.PROTECT, related_name="+")
    academic_year = models.CharField(max_length=7)
    visited_on = models.DateField()
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    plan_reviewed = models.BooleanField("MEI centre plan reviewed", default=False)
    plan_comments = models.TextField("comments on the MEI centre plan", blank=True)
    comments = models.TextField("other comments")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on} ({self.qualification})"
