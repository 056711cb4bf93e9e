"""Small builders for compliance tests: real rows through the models, no fixtures beyond a centre."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

from django.utils import timezone

from bridgework.activities.models import (
    Activity,
    ActivitySession,
    AttendanceMark,
    Contingency,
    Participant,
)
from bridgework.catalogue.models import AwardingOrganisation, Qualification, Sector, Unit
from bridgework.employers.models import Employer, EmployerPerson
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Enrolment, Learner
from bridgework.people.models import Centre

_seq = count(1)
NOW = timezone.make_aware(datetime(2026, 2, 10, 12, 0))
_now: list[datetime] = [NOW]


def now() -> datetime:
    """The factories' clock: the fixed NOW, or the real clock for tests that render pages (use_real_clock)."""
    return _now[0]


def use_real_clock() -> None:
    _now[0] = timezone.now()


def use_fixed_clock() -> None:
    _now[0] = NOW


def qualification(*, sector: str = "Engineering", ao: str = "OCR", requires_mei: bool = True) -> Qualification:
    n = next(_seq)
    q = Qualification.objects.create(
        awarding_organisation=AwardingOrganisation.objects.get_or_create(code=ao, defaults={"name": ao})[0],
        title=f"Test Diploma {n} in {sector}",
        level=3,
        sector=Sector.objects.get_or_create(name=sector)[0],
        dfe_category="TL",
        requires_mei=requires_mei,
    )
    Unit.objects.create(qualification=q, number="1", title="Mandatory unit", mandatory=True)
    Unit.objects.create(qualification=q, number="3", title="Another mandatory unit", mandatory=True)
    Unit.objects.create(qualification=q, number="9", title="Optional unit", mandatory=False)
    return q


def learner(
    centre: Centre,
    q: Qualification,
    *,
    born: date | None = None,
    ehc: bool = False,
    start: date | None = None,
    year: str | None = None,
) -> Enrolment:
    """A learner aged 16 at the start of the academic year NOW falls in, enrolled that September."""
    year = year or academic_year_of(now().date())
    start = start or date(int(year[:4]), 9, 8)
    born = born or date(int(year[:4]) - 16, 3, 1)
    n = next(_seq)
    person = Learner.objects.create(
        centre=centre, given_name="Learner", family_name=f"No{n}", date_of_birth=born, ehc_plan=ehc
    )
    return Enrolment.objects.create(
        centre=centre, learner=person, qualification=q, academic_year=year, start_date=start
    )


def employer(centre: Centre, *sectors: str, name: str = "Arup") -> Employer:
    e = Employer.objects.create(centre=centre, legal_name=name)
    e.sectors.set([Sector.objects.get_or_create(name=s)[0] for s in sectors])
    return e


def activity(
    centre: Centre,
    q: Qualification,
    *,
    type: str = "practical_activity",
    units: tuple[str, ...] = ("1",),
    sector: str | None = None,
    delivery: str = "live",
    status: str = "planned",
    practitioner_sector: str | None = None,
    sessions: tuple[tuple[datetime, datetime], ...] = (),
    title: str = "Activity",
) -> Activity:
    a = Activity.objects.create(
        centre=centre,
        title=title,
        type=type,
        academic_year="2025/26",
        delivery=delivery,
        status=status,
        employer=employer(centre, sector if sector is not None else q.sector.name),
    )
    a.qualifications.add(q)
    a.units.set(Unit.objects.filter(qualification=q, number__in=units))
    if practitioner_sector:
        p = EmployerPerson.objects.create(centre=centre, given_name="Pat", family_name="Smith", is_practitioner=True)
        p.sectors.set([Sector.objects.get_or_create(name=practitioner_sector)[0]])
        a.practitioners.add(p)
    for starts, ends in sessions:
        ActivitySession.objects.create(centre=centre, activity=a, starts_at=starts, ends_at=ends)
    return a


def past(days: int = 7, hours: int = 2) -> tuple[datetime, datetime]:
    start = now() - timedelta(days=days)
    return start, start + timedelta(hours=hours)


def future(days: int = 7, hours: int = 2) -> tuple[datetime, datetime]:
    start = now() + timedelta(days=days)
    return start, start + timedelta(hours=hours)


def join(a: Activity, e: Enrolment) -> None:
    Participant.objects.get_or_create(centre=a.centre, activity=a, learner=e.learner)


def mark(a: Activity, e: Enrolment, value: str = "present", *, session_index: int | None = None) -> None:
    sessions = list(a.sessions.order_by("starts_at"))
    for s in sessions if session_index is None else [sessions[session_index]]:
        AttendanceMark.objects.update_or_create(centre=a.centre, session=s, learner=e.learner, defaults={"mark": value})


def contingency(a: Activity, e: Enrolment, *, session_index: int = 0, completed: bool = True) -> Contingency:
    s = list(a.sessions.order_by("starts_at"))[session_index]
    return Contingency.objects.create(
        centre=a.centre,
        learner=e.learner,
        missed_session=s,
        kind="recording_watched",
        description="Watched the recording",
        completed_on=now().date() if completed else None,
    )
