"""People at employers: a practitioner keeps one record as they move between employers."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from bridgework.employers.models import Affiliation, Employer, EmployerPerson


def link_person(
    person: EmployerPerson,
    employer: Employer,
    *,
    job_title: str = "",
    started_on: date | None = None,
    left_previous: bool = False,
    today: date,
) -> Affiliation:
    with transaction.atomic():
        if left_previous:
            end = started_on - timedelta(days=1) if started_on else today
            Affiliation.objects.filter(person=person, ended_on__isnull=True).exclude(employer=employer).update(
                ended_on=end
            )
        return Affiliation.objects.create(
            centre_id=employer.centre_id,
            person=person,
            employer=employer,
            job_title=job_title or person.job_title,
            started_on=started_on,
        )


def link_portal_account(person: EmployerPerson) -> bool:
    """A person who may use the portal is linked to the account with their email address, when that account
    is an employer contact at the person's centre (the invitation flow creates it). Returns whether linked.
    Someone no longer allowed into the portal is unlinked, so they stop seeing agreements at once."""
    from bridgework.people.models import Membership, Role

    if not person.may_use_portal or not person.email:
        if person.user_id is not None:
            person.user = None
            person.save(update_fields=["user"])
        return False
    membership = (
        Membership.objects.filter(
            centre_id=person.centre_id, role=Role.EMPLOYER_CONTACT, is_active=True, user__email__iexact=person.email
        )
        .select_related("user")
        .first()
    )
    user = membership.user if membership else None
    if person.user_id != (user.pk if user else None):
        person.user = user
        person.save(update_fields=["user"])
    return user is not None
