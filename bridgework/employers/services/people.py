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
