"""What approvals, submissions and evidence requests share: files, improvement actions and the timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned


class ModerationEvent(CentreOwned):
    """One state change or decision, shown to both sides as a timeline. Written only by the services."""

    approval_case = models.ForeignKey(
        "moderation.ApprovalCase", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    submission = models.ForeignKey(
        "moderation.Submission", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    evidence_request = models.ForeignKey(
        "moderation.EvidenceRequest", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["centre", "at"], name="moderation_event_at_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.from_state}→{self.to_state}"


def evidence_path(instance: ModerationFile, filename: str) -> str:
    return f"moderation/{instance.centre_id}/{timezone.now():%Y/%m}/{filename}"


class ModerationFile(CentreOwned):
    """A file uploaded for moderation (approval supporting evidence, an answer to an evidence request).
    Checked by its bytes on upload; served only through permission-checked views."""

    approval_case = models.ForeignKey(
        "moderation.ApprovalCase", on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    # Set when the round that included the file was submitted: earlier rounds keep their files.
    approval_round = models.ForeignKey(
        "moderation.ApprovalRound", on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    message = models.ForeignKey(
        "moderation.EvidenceMessage", on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    description = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to=evidence_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ImprovementAction(CentreOwned):
    """What the centre must do after b)/c) or "not met", by when. The centre marks it done; the moderator
    sees it in the next round."""

    approval_round = models.ForeignKey(
        "moderation.ApprovalRound", on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    submission_round = models.ForeignKey(
        "moderation.SubmissionRound", on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    text = models.TextField()
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]
