"""What an employer contact may reach in the portal, decided in one place per object type.

Each `portal_*_for` returns the object only if it is reachable *now* (share live, not revoked, not expired,
data sharing in force under the agreement) and raises Http404 otherwise: "missing" and "not yours" look the
same, so the portal never reveals what exists. Views call these and nothing else to fetch learner data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from bridgework.activities.models import ActivitySession, Participant
from bridgework.employers.models import EmployerPerson
from bridgework.learners.models import Learner
from bridgework.portfolio.models import (
    Attachment,
    ExpertWitnessStatement,
    JournalEntry,
    PortalAccessLog,
    PortalAction,
    Share,
    WeeklyUpdate,
)
from bridgework.portfolio.services.access import Pair, sharing_pairs_in_force
from bridgework.portfolio.services.sharing import live_q


@dataclass
class PortalUser:
    """The employer people a signed-in portal user is (one per centre at most, usually one), and the
    learner/person pairs for which data sharing is in force at this moment."""

    user: Any
    people: list[EmployerPerson]
    pairs: set[Pair]
    at: datetime
    _activity_learners: set[int] | None = field(default=None, repr=False)

    @property
    def person_ids(self) -> list[int]:
        return [p.pk for p in self.people]

    def person_at(self, centre_id: int) -> EmployerPerson | None:
        return next((p for p in self.people if p.centre_id == centre_id), None)

    @property
    def activity_learner_ids(self) -> set[int]:
        """Learners taking part in an activity this person delivers or assesses."""
        if self._activity_learners is None:
            self._activity_learners = set(
                Participant.objects.filter(activity__practitioners__in=self.person_ids).values_list(
                    "learner_id", flat=True
                )
            )
        return self._activity_learners

    @property
    def learner_ids(self) -> set[int]:
        """Their learners: linked by an agreement in force or by an activity, and nobody else."""
        return {learner_id for learner_id, _ in self.pairs} | self.activity_learner_ids


def portal_user(user: Any, at: datetime | None = None) -> PortalUser:
    """Call inside the portal's scope (the centres where the user is an employer contact)."""
    at = at or timezone.now()
    people = list(EmployerPerson.objects.filter(user=user, may_use_portal=True).select_related("centre"))
    pairs = sharing_pairs_in_force([p.pk for p in people], at) if people else set()
    return PortalUser(user=user, people=people, pairs=pairs, at=at)


def visible_shares(pu: PortalUser) -> QuerySet[Share]:
    """Shares this user may act on now. Pairs not in force are left out in SQL, so withdrawing consent or
    revoking hides everything at the next request."""
    if not pu.pairs:
        return Share.objects.none()
    pair_q = reduce(or_, (Q(learner_id=learner_id, person_id=person_id) for learner_id, person_id in pu.pairs))
    return Share.objects.filter(live_q(pu.at), pair_q, person_id__in=pu.person_ids)


def visible_entry_ids(pu: PortalUser) -> QuerySet[Any]:
    """Entries shared directly, or inside a shared weekly update."""
    shares = visible_shares(pu)
    return JournalEntry.objects.filter(
        Q(pk__in=shares.filter(entry__isnull=False).values("entry_id"))
        | Q(weekly_updates__in=shares.filter(update__isnull=False).values("update_id"))
    ).values("pk")


def portal_learner_for(pu: PortalUser, learner_id: int) -> Learner:
    if learner_id not in pu.learner_ids:
        raise Http404("No such learner")
    learner = Learner.objects.filter(pk=learner_id).select_related("centre").first()
    if learner is None:
        raise Http404("No such learner")
    return learner


def portal_entry_for(pu: PortalUser, entry_id: int) -> JournalEntry:
    entry = (
        JournalEntry.objects.filter(pk=entry_id, pk__in=visible_entry_ids(pu))
        .select_related("learner", "activity", "unit")
        .first()
    )
    if entry is None:
        raise Http404("No such entry")
    return entry


def portal_update_for(pu: PortalUser, update_id: int) -> WeeklyUpdate:
    update = (
        WeeklyUpdate.objects.filter(pk=update_id, pk__in=visible_shares(pu).values("update_id"))
        .select_related("learner")
        .first()
    )
    if update is None:
        raise Http404("No such update")
    return update


def portal_attachment_for(pu: PortalUser, attachment_id: int) -> Attachment:
    attachment = (
        Attachment.objects.filter(pk=attachment_id, entry_id__in=visible_entry_ids(pu))
        .select_related("entry__learner")
        .first()
    )
    if attachment is None:
        raise Http404("No such file")
    return attachment


def portal_statement_for(pu: PortalUser, statement_id: int) -> ExpertWitnessStatement:
    statement = (
        ExpertWitnessStatement.objects.filter(pk=statement_id, person_id__in=pu.person_ids)
        .select_related("learner", "unit", "activity", "person")
        .first()
    )
    if statement is None or statement.learner_id not in pu.learner_ids:
        raise Http404("No such statement")
    return statement


def portal_session_for(pu: PortalUser, session_id: int) -> tuple[ActivitySession, EmployerPerson]:
    """A session whose register this user may confirm (one of their people is a practitioner on its
    activity), with that person."""
    session = (
        ActivitySession.objects.filter(pk=session_id, activity__practitioners__in=pu.person_ids)
        .select_related("activity")
        .first()
    )
    # The practitioner among this user's people (one person per employer they work for), not just any of them.
    person = session.activity.practitioners.filter(pk__in=pu.person_ids).first() if session else None
    if session is None or person is None:
        raise Http404("No such register")
    return session, person


def person_for_learner(pu: PortalUser, learner: Learner) -> EmployerPerson:
    """Which of the user's employer people acts for this learner (the one at the learner's centre)."""
    person = pu.person_at(learner.centre_id)
    if person is None:
        raise Http404("No such learner")
    return person


def record(
    request: HttpRequest,
    action: str,
    *,
    pu: PortalUser,
    learner: Learner | None = None,
    entry: JournalEntry | None = None,
    update: WeeklyUpdate | None = None,
    attachment: Attachment | None = None,
) -> None:
    """Audit one portal page or action. The learner's "who viewed it when" reads these rows."""
    owner = learner or (entry.learner if entry else None) or (update.learner if update else None)
    if owner is None and attachment is not None:
        owner = attachment.entry.learner
    centre_id = owner.centre_id if owner else (pu.people[0].centre_id if len(pu.people) == 1 else None)
    PortalAccessLog.objects.create(
        user=request.user,
        person=pu.person_at(centre_id) if centre_id else None,
        centre_id=centre_id,
        action=action,
        path=request.get_full_path()[:300],
        learner=owner,
        entry=entry,
        update=update,
        attachment=attachment,
    )


def record_not_found(request: HttpRequest) -> None:
    PortalAccessLog.objects.create(user=request.user, action=PortalAction.NOT_FOUND, path=request.get_full_path()[:300])
