"""People's reminder preferences."""

from __future__ import annotations

from django.db import transaction

from bridgework.compliance.models import NotificationPreference


def wants_weekly_digest(user) -> bool:  # type: ignore[no-untyped-def]
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.weekly_digest if preference else True


def set_weekly_digest(user, wanted: bool) -> NotificationPreference:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        # update_or_create under the unique user constraint: two tabs saving at once end with one row.
        preference, _ = NotificationPreference.objects.update_or_create(user=user, defaults={"weekly_digest": wanted})
    return preference
