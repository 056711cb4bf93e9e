"""Compliance keeps no copy of statuses (they are computed live); only people's reminder preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationPreference(models.Model):
    """A person's choice about compliance emails. No row means the defaults (weekly digest on)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    weekly_digest = models.BooleanField(
        "weekly digest",
        default=True,
        help_text="A weekly email listing your at-risk learners and upcoming deadlines.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Notification preferences of {self.user}"
