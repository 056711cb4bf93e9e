"""Synthetic centres for the benchmarks: a catalogue of bench qualifications, then learners, enrolments,
employers, activities, sessions, participants, attendance marks and contingencies in realistic proportions
(most learners attend, a few are absent and some of those catch up through a contingency). Seeded: the same
arguments give the same data. Bulk-created, so no signals, audit entries or validators run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

TYPES_WEIGHTED = (
    ["guest_lecture"] * 6
    + ["master_class"] * 2
    + ["practical_activity"] * 3
    + ["work_experience"] * 2
    + ["formative_assessment", "expert_witness", "work_placement"]
    + ["careers_talk", "employer_visit", "careers_fair"]
)


def academic_year(now: datetime) -> str:
    """The current academic year as enrolments and activities hold it ("2025/26")."""
    from bridgework.learners.identifiers import academic_year_of

    return academic_year_of(now.date())


def catalogue(n: int):  # type: ignore[no-untyped-def]
    from bridgework.catalogue.models import AwardingOrganisation, Qualification, Sector, Unit

    aos = [AwardingOrganisation.objects.get_or_create(code=c, defaults={"name": c})[0] for c in ("OCR", "CG")]
    sectors = [Sector.objects.get_or_create(name=f"Bench sector {i}")[0] for i in range(10)]
    quals = []
    for i in range(n):
        q = Qualification.objects.create(
            awarding_organisation=aos[i % 2],
            title=f"Bench Diploma {i}",
            level=3,
            sector=sectors[i % 10],
            dfe_category="TL",
            requires_mei=i % 10 != 9,
        )
        for number, mandatory in (("1", True), ("2", True), ("3", True), ("9", False)):
            Unit.objects.create(qualification=q, number=number, title=f"Unit {number}", mandatory=mandatory)
        quals.append(q)
    return quals


def populate(
    centre,
    quals,
    n_learners: int,
    n_activities: int,
    sessions_per_activity: float,
    extra_participants: int,
    now,
    rng,
    take_part: float = 0.92,
    types: Sequence[str] = TYPES_WEIGHTED,
):  # type: ignore[no-untyped-def]
    """Learners, enrolments, employers, activities, sessions, participants, marks and contingencies. Each activity
    is for one qualification, of a type drawn from `types`; `take_part` of that qualification's learners join it
    (the others: none of their activities yet, or another group's). Returns the learners and the activities."""
    from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, Contingency, Participant
    from bridgework.catalogue.models import Unit
    from bridgework.employers.models import Employer
    from bridgework.learners.models import Enrolment, Learner

    year = academic_year(now)
    year0 = int(year[:4])
    learners = Learner.objects.bulk_create(
        [
            Learner(
                centre=centre,
                given_name="Bench",
                family_name=f"L{i}",
                date_of_birth=date(
                    year0 - rng.choice([16, 16, 16, 17, 17, 17, 18, 19]), rng.randint(1, 12), rng.randint(1, 28)
                ),
                ehc_plan=rng.random() < 0.05,
            )
            for i in range(n_learners)
        ],
        batch_size=2000,
    )
    by_q: dict[int, list] = {q.pk: [] for q in quals}
    enrolments = []
    for i, learner in enumerate(learners):
        q = quals[i % len(quals)]
        by_q[q.pk].append(learner)
        enrolments.append(
            Enrolment(centre=centre, learner=learner, qualification=q, academic_year=year, start_date=date(year0, 9, 8))
        )
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    employers = Employer.objects.bulk_create(
        [Employer(centre=centre, legal_name=f"Employer {i}") for i in range(max(10, n_activities // 4))]
    )
    sector_ids = sorted({q.sector_id for q in quals})
    Employer.sectors.through.objects.bulk_create(
        [Employer.sectors.through(employer=e, sector_id=rng.choice(sector_ids)) for e in employers]
    )
    units = {(u.qualification_id, u.number): u.pk for u in Unit.objects.filter(qualification__in=quals)}
    activities = Activity.objects.bulk_create(
        [
            Activity(
                centre=centre,
                title=f"Activity {i}",
                type=rng.choice(types),
                academic_year=year,
                employer=rng.choice(employers),
                delivery="recorded" if rng.random() < 0.08 else "live",
                status=rng.choice(["planned", "confirmed", "delivered", "delivered", "cancelled"])
                if rng.random() < 0.9
                else "planned",
            )
            for i in range(n_activities)
        ],
        batch_size=2000,
    )
    qual_of = {a.pk: quals[i % len(quals)] for i, a in enumerate(activities)}
    Activity.qualifications.through.objects.bulk_create(
        [Activity.qualifications.through(activity=a, qualification=qual_of[a.pk]) for a in activities], batch_size=5000
    )
    Activity.units.through.objects.bulk_create(
        [
            Activity.units.through(
                activity=a, unit_id=units[(qual_of[a.pk].pk, rng.choice("123") if rng.random() < 0.9 else "9")]
            )
            for a in activities
        ],
        batch_size=5000,
    )
    # Most employers' sectors are relevant: give the employer the activity's sector 85% of the time.
    Employer.sectors.through.objects.bulk_create(
        [
            Employer.sectors.through(employer_id=a.employer_id, sector_id=qual_of[a.pk].sector_id)
            for a in activities
            if rng.random() < 0.85
        ],
        ignore_conflicts=True,
    )
    sessions = []
    for a in activities:
        upcoming = rng.random() < 0.2
        for k in range(2 if rng.random() < 1 - (sessions_per_activity - 2) else 3):
            start = (
                now + timedelta(days=rng.randint(1, 120))
                if upcoming
                else now - timedelta(days=rng.randint(1, 60), hours=k)
            )
            sessions.append(
                ActivitySession(centre=centre, activity=a, starts_at=start, ends_at=start + timedelta(hours=2))
            )
    ActivitySession.objects.bulk_create(sessions, batch_size=5000)
    participants, marks, contingencies = [], [], []
    sessions_of: dict[int, list] = {}
    for s in sessions:
        sessions_of.setdefault(s.activity_id, []).append(s)
    # Some learners take part in nothing yet (at risk, or on track through a planned activity).
    left_out = {learner.pk for learner in learners if rng.random() < 0.12}
    for a in activities:
        q = qual_of[a.pk]
        others = by_q[quals[(quals.index(q) + 1) % len(quals)].pk]
        people = [p for p in by_q[q.pk] if p.pk not in left_out and rng.random() < take_part] + others[
            :extra_participants
        ]
        for learner in people:
            participants.append(Participant(centre=centre, activity=a, learner=learner))
            for s in sessions_of.get(a.pk, []):
                if s.ends_at > now:
                    continue
                roll = rng.random()
                mark = "present" if roll < 0.85 else "late" if roll < 0.9 else "absent" if roll < 0.98 else "left_early"
                marks.append(AttendanceMark(centre=centre, session=s, learner=learner, mark=mark))
                if mark == "absent" and rng.random() < 0.4:
                    contingencies.append(
                        Contingency(
                            centre=centre,
                            learner=learner,
                            missed_session=s,
                            kind="recording_watched",
                            description="Watched the recording",
                            completed_on=now.date(),
                        )
                    )
    Participant.objects.bulk_create(participants, batch_size=5000)
    AttendanceMark.objects.bulk_create(marks, batch_size=5000)
    Contingency.objects.bulk_create(contingencies, batch_size=5000)
    return learners, activities


def describe_all(centre_ids: list[int]) -> str:
    from bridgework.activities.models import Activity, ActivitySession, AttendanceMark, Contingency, Participant
    from bridgework.learners.models import Learner

    parts = []
    for label, model in (
        ("learners", Learner),
        ("activities", Activity),
        ("sessions", ActivitySession),
        ("participants", Participant),
        ("marks", AttendanceMark),
        ("contingencies", Contingency),
    ):
        parts.append(f"{model.objects.filter(centre_id__in=centre_ids).count():,} {label}")
    return ", ".join(parts)
