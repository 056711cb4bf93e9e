"""The annual submission (seed 001 §3.4) per qualification and academic year, in rounds: per-learner claims,
the head-of-centre declaration, the evidence sample, the moderator's verdicts and the downloadable pack."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned


class SubmissionState(models.TextChoices):
    DRAFT = "draft", "Being prepared by the centre"
    SUBMITTED = "submitted", "Submitted, waiting for the moderator"
    NOT_MET = "not_met", "Not met: resubmission needed"
    MET = "met", "Met"


class Submission(CentreOwned):
    qualification = models.ForeignKey("catalogue.Qualification", on_delete=models.PROTECT, related_name="+")
    academic_year = models.CharField(max_length=7)
    state = models.CharField(max_length=12, choices=SubmissionState.choices, default=SubmissionState.DRAFT)
    deadline = models.DateField(help_text="From the MEI_SUBMISSION_DEADLINES setting when the submission was started.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-academic_year", "qualification__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "qualification", "academic_year"], name="submission_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.qualification} ({self.academic_year})"

    @property
    def centre_can_edit(self) -> bool:
        return self.state == SubmissionState.DRAFT


class RoundOutcome(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"


class SubmissionRound(CentreOwned):
    """One attempt: prepared as a draft, submitted (locked), then decided. A resubmission is a new round."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    planner_snapshot = models.JSONField(default=list, blank=True, help_text="The planner rows when submitted.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=8, choices=RoundOutcome.choices, blank=True)
    feedback = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submission_id", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="submission_round_once")]

    def __str__(self) -> str:
        return f"{self.submission} – round {self.number}"


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", "Claim confirmed"
    NOT_CONFIRMED = "not_confirmed", "Claim not confirmed"


class LearnerClaim(CentreOwned):
    """Per learner: what the engine says (snapshot, with its reasons), what the centre claims, and the
    moderator's verdict. A claim that disagrees with the engine needs a reason."""

    round = models.ForeignKey(SubmissionRound, on_delete=models.CASCADE, related_name="claims")
    enrolment = models.ForeignKey("learners.Enrolment", on_delete=models.PROTECT, related_name="+")
    engine_status = models.CharField(max_length=20)
    engine_reasons = models.JSONField(default=list, blank=True)
    engine_checked_at = models.DateTimeField(default=timezone.now)
    claim_met = models.BooleanField(null=True, help_text="Unset until staff confirm it.")
    disagreement_reason = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    verdict = models.CharField(max_length=15, choices=Verdict.choices, blank=True)
    verdict_note = models.TextField(blank=True)
    verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verdict_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round_id", "enrolment__learner__family_name", "enrolment__learner__given_name", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "enrolment"], name="claim_once_per_round")]

    def __str__(self) -> str:
        return f"Claim for {self.enrolment_id} in {self.round}"

    @property
    def engine_says_met(self) -> bool:
        return self.engine_status == "met"

    @property
    def disagrees(self) -> bool:
        return (
            self.claim_met is not None
            and self.engine_status != "not_required"
            and (self.claim_met != self.engine_says_met)
        )


DECLARATION_TEXT = (
    "I confirm that the information in this submission is accurate, that every learner claimed as having met "
    "the employer involvement requirement has done so, and that the evidence is held by the centre and "
    "available to the awarding organisation on request."
)


class Declaration(CentreOwned):
    """The head of centre's electronic signature: the typed name, who, when and from where."""

    round = models.OneToOneField(SubmissionRound, on_delete=models.CASCADE, related_name="declaration")
    statement = models.TextField(default=DECLARATION_TEXT)
    typed_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Declaration by {self.typed_name}"


class EvidenceSample(CentreOwned):
    """The moderator's sample of evidence for one round, reproducible from its seed and rule."""

    round = models.OneToOneField(SubmissionRound, on_delete=models.CASCADE, related_name="sample")
    seed = models.BigIntegerField()
    rule = models.JSONField(help_text="The size rule in force when drawn: min, fraction, max.")
    population = models.JSONField(help_text="Candidate item ids per group, in the order the draw used.")
    chosen = models.JSONField(help_text="Chosen item ids per group.")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    drawn_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Sample (seed {self.seed}) for {self.round}"

    @property
    def chosen_ids(self) -> list[int]:
        return sorted(pk for ids in self.chosen.values() for pk in ids)


class PackState(models.TextChoices):
    PENDING = "pending", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def pack_path(instance: SubmissionPack, filename: str) -> str:
    return f"moderation/{instance.centre_id}/packs/{filename}"


class SubmissionPack(CentreOwned):
    """The ZIP a moderator archives or opens offline, built in the background for one round."""

    round = models.ForeignKey(SubmissionRound, on_delete=models.CASCADE, related_name="packs")
    state = models.CharField(max_length=10, choices=PackState.choices, default=PackState.PENDING)
    file = models.FileField(upload_to=pack_path, max_length=255, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Pack for {self.round} ({self.state})"
