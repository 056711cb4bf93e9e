"""The weekly digest: each coordinator gets their at-risk learners and the upcoming deadlines by email.

Coordinators are the tutors of teaching groups (their groups' learners) and centre administrators (every
learner at the centre). People who opted out (NotificationPreference.weekly_digest = False) get nothing.
Run weekly by the scheduler: `python -m bridgework compliance_digest` enqueues `send_weekly_digests`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from bridgework.compliance.engine import AT_RISK, Result
from bridgework.compliance.models import NotificationPreference
from bridgework.compliance.services.dashboard import Filters, cohort, overview
from bridgework.core.tenancy import centre_scope
from bridgework.learners.models import TeachingGroup
from bridgework.people.models import Centre, Membership, Role, User


@dataclass
class Digest:
    user: User
    lines: list[str] = field(default_factory=list)
    deadlines: set[date] = field(default_factory=set)


def _line(name: str, qualification: str, result: Result) -> str:
    reason = result.main_reason.message if result.main_reason else ""
    return f"- {name} ({qualification}) — {result.label}: {reason} Next: {result.next_action}"


def centre_digests(centre: Centre, today: date | None = None) -> list[Digest]:
    """What each coordinator at `centre` should receive this week (empty digests are dropped)."""
    today = today or timezone.localdate()
    with centre_scope(centre.pk):
        data = overview(cohort(Filters()), with_groups=False)
        members_of: dict[int, set[int]] = defaultdict(set)  # tutor -> enrolments
        for tutor_id, enrolment_id in TeachingGroup.enrolments.through.objects.filter(
            teachinggroup__tutor__isnull=False
        ).values_list("teachinggroup__tutor_id", "enrolment_id"):
            members_of[tutor_id].add(enrolment_id)
        admins = set(
            Membership.objects.filter(role=Role.CENTRE_ADMIN, is_active=True).values_list("user_id", flat=True)
        )
        staff = set(
            Membership.objects.filter(role__in=[Role.STAFF, Role.CENTRE_ADMIN], is_active=True).values_list(
                "user_id", flat=True
            )
        )
    opted_out = set(NotificationPreference.objects.filter(weekly_digest=False).values_list("user_id", flat=True))
    recipients = (admins | (set(members_of) & staff)) - opted_out
    users = {u.pk: u for u in User.objects.filter(pk__in=recipients, is_active=True)}
    # At risk only: not-met learners are past their deadline, a matter for the awarding body, not a reminder.
    at_risk = [(eid, r) for eid, r in data.results.items() if r.status == AT_RISK]
    digests = []
    for uid, user in sorted(users.items()):
        mine = at_risk if uid in admins else [(eid, r) for eid, r in at_risk if eid in members_of[uid]]
        digest = Digest(user)
        for eid, result in sorted(mine, key=lambda row: data.facts.enrolments[row[0]].learner_name):
            e = data.facts.enrolments[eid]
            digest.lines.append(_line(e.learner_name, data.facts.qualifications[e.qualification_id].title, result))
            if result.deadline and result.deadline >= today:
                digest.deadlines.add(result.deadline)
        if digest.lines:
            digests.append(digest)
    return digests


def _send(centre: Centre, digest: Digest) -> None:
    url = settings.SITE_URL + reverse("staff:compliance_at_risk", kwargs={"centre": centre.number})
    prefs = settings.SITE_URL + reverse("staff:compliance_reminders", kwargs={"centre": centre.number})
    deadlines = ", ".join(f"{d:%-d %B %Y}" for d in sorted(digest.deadlines)) or "none coming up"
    send_mail(
        subject=f"{len(digest.lines)} learner{'s' if len(digest.lines) != 1 else ''} at risk – {centre.name}",
        message=(
            f"Learners at {centre.name} who have not yet met employer involvement:\n\n"
            + "\n".join(digest.lines)
            + f"\n\nSubmission deadlines: {deadlines}.\n\nSee the full list: {url}\n"
            f"To stop these emails: {prefs}"
        ),
        from_email=None,
        recipient_list=[digest.user.email],
    )


@task()
def send_centre_digest(centre_id: int) -> int:
    centre = Centre.objects.get(pk=centre_id)
    digests = centre_digests(centre)
    for digest in digests:
        _send(centre, digest)
    return len(digests)


@task()
def send_weekly_digests() -> int:
    """One task per centre, so one centre's failure does not stop the others."""
    centre_ids = list(Centre.objects.filter(is_active=True).values_list("pk", flat=True))
    for centre_id in centre_ids:
        send_centre_digest.enqueue(centre_id)
    return len(centre_ids)
