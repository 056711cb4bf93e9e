"""Approval (seed 001 §3.2): once per qualification the centre submits its plan; a moderator decides a), b)
or c); the centre resubmits until it meets requirements. Every round is kept; approval can be withdrawn."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned


class ApprovalState(models.TextChoices):
    DRAFT = "draft", "Being prepared by the centre"
    SUBMITTED = "submitted", "Waiting for the moderator"
    FURTHER_DEVELOPMENT = "further_development", "Requires further development"
    NOT_COMPLETED = "not_completed", "Not completed or not available"
    APPROVED = "approved", "Meets requirements"
    WITHDRAWN = "withdrawn", "Approval withdrawn"


class ApprovalOutcome(models.TextChoices):
    MEETS = "a", "a) Meets requirements"
    FURTHER_DEVELOPMENT = "b", "b) Requires further development"
    NOT_COMPLETED = "c", "c) Not completed or not available"


class ApprovalCase(CentreOwned):
    """A centre's approval for one qualification. The draft fields are what the centre is preparing now;
    each submitted round keeps a snapshot of them."""

    qualification = models.ForeignKey("catalogue.Qualification", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=ApprovalState.choices, default=ApprovalState.DRAFT)
    plan_summary = models.TextField(
        "how every learner will get employer involvement",
        blank=True,
        help_text="The planned activities, by unit and term, so that every learner gets MEI.",
    )
    practitioner_sources = models.TextField(
        "where practitioners will come from",
        blank=True,
        help_text="The employers you work with, professional bodies, alumni.",
    )
    supporting_statement = models.TextField(
        "supporting evidence",
        blank=True,
        help_text="Employer letters or emails, employer statements, lecture topics, existing records.",
    )
    resubmit_by = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["qualification__title"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "qualification"], name="approval_once_per_qualification")
        ]

    def __str__(self) -> str:
        return f"Approval: {self.qualification}"

    @property
    def centre_can_edit(self) -> bool:
        return self.state in EDITABLE_APPROVAL_STATES


EDITABLE_APPROVAL_STATES = frozenset(
    {ApprovalState.DRAFT, ApprovalState.FURTHER_DEVELOPMENT, ApprovalState.NOT_COMPLETED, ApprovalState.WITHDRAWN}
)


class ApprovalRound(CentreOwned):
    case = models.ForeignKey(ApprovalCase, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    plan_snapshot = models.JSONField(default=dict, help_text="What the centre submitted, frozen.")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=1, choices=ApprovalOutcome.choices, blank=True)
    feedback = models.TextField(blank=True)
    resubmit_by = models.DateField("resubmission deadline", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case_id", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="approval_round_number_once")]

    def __str__(self) -> str:
        return f"{self.case} – round {self.number}"
