"""The learner decides who sees what. A share is honoured only while it is not revoked, not expired and
data sharing is in force under the tripartite agreement; revoking or withdrawing consent ends it at once
because every portal read re-checks all three (see `portfolio.services.portal`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from bridgework.employers.models import EmployerPerson
from bridgework.learners.models import Learner
from bridgework.portfolio.models import JournalEntry, PortalAccessLog, Share, WeeklyUpdate
from bridgework.portfolio.services.access import sharing_pairs_in_force


def live_q(at: datetime, prefix: str = "") -> Q:
    """Shares not revoked and not expired at `at` (the agreement is checked separately)."""
    return Q(**{f"{prefix}revoked_at__isnull": True}) & (
        Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": at})
    )


def portal_people_at_centre(centre_id: int) -> QuerySet[EmployerPerson]:
    return EmployerPerson.objects.filter(centre_id=centre_id, may_use_portal=True, user__isnull=False)


def shareable_people(learner: Learner, at: datetime | None = None) -> list[EmployerPerson]:
    """The employer contacts this learner may share with now: a signed agreement with consent in force."""
    at = at or timezone.now()
    candidates = list(portal_people_at_centre(learner.centre_id))
    pairs = sharing_pairs_in_force([p.pk for p in candidates], at)
    return [p for p in candidates if (learner.pk, p.pk) in pairs]


def share(
    learner: Learner,
    person: EmployerPerson,
    *,
    entry: JournalEntry | None = None,
    update: WeeklyUpdate | None = None,
    expires_at: datetime | None = None,
) -> Share:
    now = timezone.now()
    item = entry or update
    if item is None or (entry is not None and update is not None):
        raise ValidationError("Share one entry or one weekly update.")
    if item.learner_id != learner.pk:
        raise ValidationError("You can only share your own portfolio.")
    if person.pk not in {p.pk for p in shareable_people(learner, now)}:
        raise ValidationError(
            {
                "person": "You can only share with an employer contact while your signed learning agreement "
                "allows sharing."
            }
        )
    if expires_at is not None and expires_at <= now:
        raise ValidationError({"expires_on": "The end date must be in the future."})
    with transaction.atomic():
        # Lock the learner row: a double-clicked Share button must not create two live shares.
        Learner.objects.select_for_update().filter(pk=learner.pk).first()
        existing = Share.objects.filter(live_q(now), learner=learner, person=person, entry=entry, update=update)
        if existing.exists():
            raise ValidationError({"person": f"{person.full_name} can already see this."})
        return Share.objects.create(
            centre_id=learner.centre_id,
            learner=learner,
            person=person,
            entry=entry,
            update=update,
            expires_at=expires_at,
        )


def revoke(share_obj: Share) -> Share:
    with transaction.atomic():
        locked = Share.objects.select_for_update().get(pk=share_obj.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
        return locked


@dataclass(frozen=True)
class ShareStatus:
    share: Share
    state: str  # "can see", "expired", "stopped by you", "paused: agreement not in force"

    @property
    def can_see(self) -> bool:
        return self.state == "Can see it now"


def share_statuses(shares: QuerySet[Share], at: datetime | None = None) -> list[ShareStatus]:
    """Each share with what it means right now, for the learner's "who can see what" page."""
    at = at or timezone.now()
    shares_list = list(shares.select_related("person", "entry", "update"))
    pairs = sharing_pairs_in_force({s.person_id for s in shares_list}, at)
    out = []
    for s in shares_list:
        if s.revoked_at is not None:
            state = "Stopped by you"
        elif s.expires_at is not None and s.expires_at <= at:
            state = "Expired"
        elif (s.learner_id, s.person_id) not in pairs:
            state = "Hidden: your learning agreement does not allow sharing now"
        else:
            state = "Can see it now"
        out.append(ShareStatus(s, state))
    return out


def views_of(*, entry: JournalEntry | None = None, update: WeeklyUpdate | None = None) -> QuerySet[PortalAccessLog]:
    """Who looked at this entry (or update), and when: what the learner is shown."""
    logs = PortalAccessLog.objects.select_related("person", "user").order_by("-at")
    if entry is not None:
        return logs.filter(Q(entry=entry) | Q(attachment__entry=entry))
    return logs.filter(update=update)
