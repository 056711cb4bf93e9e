"""The qualification catalogue: awarding organisations, qualifications and their units. Shared by all centres."""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

QAN_VALIDATOR = RegexValidator(r"^\d{3}/\d{4}/[0-9X]$", "Enter a QAN in the form 601/7698/2.")


def aim_ref(qan: str) -> str:
    """The ILR LearnAimRef of a regulated qualification: QAN 601/7307/5 is 60173075."""
    return re.sub(r"[^0-9A-Za-z]", "", qan).upper()


class AwardingOrganisation(models.Model):
    code = models.CharField(max_length=10, unique=True, help_text="Short code, for example OCR or CG.")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """A sector or occupational area. Employers and practitioners use the same vocabulary."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DfeCategory(models.TextChoices):
    TECH_LEVEL = "TL", "Tech Level"
    TECHNICAL_CERTIFICATE = "TC", "Technical Certificate"
    APPLIED_GENERAL = "AG", "Applied General"
    TECHNICAL_AWARD = "TA", "Technical Award"
    T_LEVEL = "TLV", "T Level"


class Qualification(models.Model):
    awarding_organisation = models.ForeignKey(
        AwardingOrganisation, on_delete=models.PROTECT, related_name="qualifications"
    )
    qan = models.CharField(
        "QAN", max_length=10, blank=True, validators=[QAN_VALIDATOR], help_text="Ofqual qualification number."
    )
    ao_code = models.CharField("awarding organisation code", max_length=20, blank=True)
    title = models.CharField(max_length=255)
    level = models.PositiveSmallIntegerField()
    size_name = models.CharField("size", max_length=60, blank=True)
    glh = models.PositiveIntegerField("guided learning hours", null=True, blank=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="qualifications")
    dfe_category = models.CharField("DfE category", max_length=3, choices=DfeCategory.choices)
    requires_mei = models.BooleanField(
        "requires meaningful employer involvement",
        default=False,
        help_text="Tech Levels and Technical Certificates require MEI for every 16 to 19 learner.",
    )
    source_note = models.TextField(blank=True, help_text="Where the catalogue facts come from.")

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["qan"], condition=~Q(qan=""), name="qualification_unique_qan"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        """QAN where published, else the awarding organisation's own code."""
        return self.qan or self.ao_code or "QAN not published"


class Unit(models.Model):
    qualification = models.ForeignKey(Qualification, on_delete=models.CASCADE, related_name="units")
    number = models.CharField(max_length=12)
    title = models.CharField(max_length=255)
    mandatory = models.BooleanField(default=True)

    class Meta:
        ordering = ["qualification_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["qualification", "number"], name="unit_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Unit {self.number}: {self.title}"
