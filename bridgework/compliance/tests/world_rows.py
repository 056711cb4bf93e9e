"""Write an in-memory Facts world as database rows (for the property test comparing both loaders)."""

from __future__ import annotations

from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, Contingency, Participant
from bridgework.catalogue.models import AwardingOrganisation, Qualification, Sector, Unit
from bridgework.compliance.facts import Facts
from bridgework.employers.models import Employer
from bridgework.learners.models import Enrolment, Learner
from bridgework.people.models import Centre


def write_world(centre: Centre, facts: Facts) -> dict[int, int]:
    """Returns {fake enrolment id: real enrolment id}."""
    sectors = {i: Sector.objects.get_or_create(name=f"Sector {i}")[0] for i in (1, 2)}
    ao = AwardingOrganisation.objects.get_or_create(code="OCR", defaults={"name": "OCR"})[0]
    qualifications, units = {}, {}
    for q in facts.qualifications.values():
        real = Qualification.objects.create(
            awarding_organisation=ao,
            title=q.title,
            level=3,
            sector=sectors[q.sector_id],
            dfe_category="TL",
            requires_mei=q.requires_mei,
        )
        qualifications[q.id] = real
        for unit_id, number in facts.unit_numbers.items():
            units[unit_id] = Unit.objects.create(
                qualification=real, number=number, title=number, mandatory=unit_id in q.mandatory_units
            )
    learners, enrolments = {}, {}
    for e in facts.enrolments.values():
        if e.learner_id not in learners:
            learners[e.learner_id] = Learner.objects.create(
                centre=centre,
                given_name="L",
                family_name=str(e.learner_id),
                date_of_birth=e.date_of_birth,
                ehc_plan=e.ehc_plan,
            )
        enrolments[e.id] = Enrolment.objects.create(
            centre=centre,
            learner=learners[e.learner_id],
            qualification=qualifications[e.qualification_id],
            academic_year=e.academic_year,
            start_date=e.start_date,
        ).pk
    activities, sessions = {}, {}
    for a in facts.activities.values():
        employer = Employer.objects.create(centre=centre, legal_name=a.employer_name)
        employer.sectors.set([sectors[s] for s in a.sector_ids])
        real = Activity.objects.create(
            centre=centre,
            title=a.title,
            type=a.type,
            status=a.status,
            delivery=a.delivery,
            academic_year="2025/26",
            employer=employer,
        )
        real.units.set([units[u] for u in a.unit_ids])
        activities[a.id] = real
        for s in facts.sessions_by_activity.get(a.id, []):
            sessions[s.id] = ActivitySession.objects.create(
                centre=centre, activity=real, starts_at=s.starts_at, ends_at=s.ends_at
            )
    for learner_id, activity_ids in facts.participations.items():
        for aid in activity_ids:
            Participant.objects.create(centre=centre, activity=activities[aid], learner=learners[learner_id])
    for (learner_id, session_id), m in facts.marks.items():
        AttendanceMark.objects.create(
            centre=centre, session=sessions[session_id], learner=learners[learner_id], mark=m.mark
        )
    # A register taken with none of these learners marked: someone else was.
    marked = {sid for (_, sid) in facts.marks}
    outsider = Learner.objects.create(centre=centre, given_name="Out", family_name="Sider", date_of_birth="2009-01-01")
    for ss in facts.sessions_by_activity.values():
        for s in ss:
            if s.has_register and s.id not in marked:
                AttendanceMark.objects.create(centre=centre, session=sessions[s.id], learner=outsider, mark="present")
    for (learner_id, session_id), c in facts.contingencies.items():
        Contingency.objects.create(
            centre=centre,
            learner=learners[learner_id],
            missed_session=sessions[session_id],
            kind=c.kind,
            description="x",
            completed_on=c.completed_on,
        )
    return enrolments
