"""Learners, their enrolments on qualifications, and teaching groups. All centre-owned."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned
from bridgework.learners.identifiers import validate_academic_year, validate_uln


class Learner(CentreOwned):
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    uln = models.CharField(
        "ULN",
        max_length=10,
        blank=True,
        validators=[validate_uln],
        help_text="Unique Learner Number, if known.",
    )
    mis_ref = models.CharField(
        "MIS reference", max_length=12, blank=True, help_text="The learner reference in the college MIS."
    )
    ehc_plan = models.BooleanField("EHC plan", default=False, help_text="Has an education, health and care plan.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learner_records",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "mis_ref"], condition=~Q(mis_ref=""), name="learner_mis_ref"),
            models.UniqueConstraint(fields=["centre", "uln"], condition=~Q(uln=""), name="learner_uln"),
        ]
        indexes = [models.Index(fields=["centre", "family_name", "given_name"], name="learner_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class LearnerAwardingNumber(CentreOwned):
    """A learner's candidate number (OCR) or enrolment number (City & Guilds) at an awarding organisation."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="awarding_numbers")
    awarding_organisation = models.ForeignKey("catalogue.AwardingOrganisation", on_delete=models.PROTECT)
    number = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "awarding_organisation"], name="learner_ao_number_once"),
            models.UniqueConstraint(
                fields=["centre", "awarding_organisation", "number"], name="learner_ao_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.awarding_organisation.code} {self.number}"


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    TRANSFERRED = "transferred", "Transferred"


class Enrolment(CentreOwned):
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="enrolments")
    qualification = models.ForeignKey("catalogue.Qualification", on_delete=models.PROTECT, related_name="+")
    academic_year = models.CharField(max_length=7, validators=[validate_academic_year])
    start_date = models.DateField()
    status = models.CharField(max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE)

    class Meta:
        ordering = ["-academic_year", "qualification__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "qualification", "academic_year"], name="enrolment_once_per_year"
            ),
        ]
        indexes = [models.Index(fields=["centre", "qualification", "academic_year"], name="enrolment_cohort_idx")]

    def __str__(self) -> str:
        return f"{self.learner} – {self.qualification} ({self.academic_year})"


class TeachingGroup(CentreOwned):
    """A named set of enrolments on one qualification in one academic year, with a tutor."""

    name = models.CharField(max_length=100)
    qualification = models.ForeignKey("catalogue.Qualification", on_delete=models.PROTECT, related_name="+")
    academic_year = models.CharField(max_length=7, validators=[validate_academic_year])
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    enrolments = models.ManyToManyField(Enrolment, related_name="teaching_groups", blank=True)

    class Meta:
        ordering = ["academic_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "academic_year", "name"], name="teaching_group_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.academic_year})"
