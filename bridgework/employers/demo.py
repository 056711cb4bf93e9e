"""Demo step: eight employers at Riverside College with sites, people, safety checks in every state,
contacts logged by two departments, and two learning agreements (one signed by all three parties, one
awaiting the employer's signature). Idempotent: keyed on legal names and subjects."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from bridgework.catalogue.models import Sector
from bridgework.core.demo import DemoContext
from bridgework.employers.models import (
    Affiliation,
    Agreement,
    CheckKind,
    Employer,
    EmployerCheck,
    EmployerPerson,
    EmployerSite,
    Interaction,
    Party,
)
from bridgework.employers.services import agreements as agreement_service

# legal name, trading name, company number, sectors, size, status, owner key, (site name, town, postcode)
EMPLOYERS = [
    (
        "Aire Valley Precision Engineering Ltd",
        "Aire Precision",
        "04381726",
        ["Engineering"],
        "medium",
        "active",
        "coordinator",
        ("Works", "Leeds", "LS10 1QN"),
    ),
    (
        "Northern Code Works Ltd",
        "",
        "09876543",
        ["Digital", "IT"],
        "small",
        "active",
        "coordinator",
        ("Studio", "Leeds", "LS1 4AP"),
    ),
    (
        "Harbour Hotels Group plc",
        "Harbour Hotels",
        "02233445",
        ["Hospitality"],
        "large",
        "active",
        "chef",
        ("The Riverside Hotel", "York", "YO1 7HH"),
    ),
    (
        "Sparks & Sons Electrical Contractors Ltd",
        "Sparks & Sons",
        "SC123456",
        ["Building Services", "Construction"],
        "small",
        "active",
        "coordinator",
        ("Depot", "Wakefield", "WF1 2EB"),
    ),
    (
        "Cut Above Salons Ltd",
        "Cut Above",
        "07766554",
        ["Hair & Beauty"],
        "small",
        "paused",
        "chef",
        ("Briggate salon", "Leeds", "LS1 6HD"),
    ),
    ("Calder Motors Ltd", "", "", ["Automotive"], "medium", "prospect", "", ("Showroom", "Halifax", "HX1 1QE")),
    (
        "Kirkgate Care Homes Ltd",
        "Kirkgate Care",
        "08812345",
        ["Health & Social Care"],
        "medium",
        "active",
        "admin",
        ("Kirkgate House", "Bradford", "BD1 1SR"),
    ),
    (
        "Pennine Business Services LLP",
        "",
        "OC345678",
        ["Business"],
        "micro",
        "ended",
        "admin",
        ("Office", "Huddersfield", "HD1 2QA"),
    ),
]

# employer index, given, family, job title, practitioner?, sectors, credentials, why suitable
PEOPLE = [
    (0, "Priya", "Nair", "Training manager", False, ["Engineering"], "", ""),
    (
        0,
        "Dave",
        "Hutchinson",
        "CNC workshop lead",
        True,
        ["Engineering"],
        "Level 4 HNC Mechanical Engineering; 22 years in precision machining; IEng (IMechE).",
        "Leads the apprentice workshop and has assessed CNC setup competence for the firm since 2015.",
    ),
    (
        1,
        "Zara",
        "Iqbal",
        "Head of engineering",
        True,
        ["Digital", "IT"],
        "BSc Computer Science; 12 years building web services; BCS member.",
        "Runs code reviews daily; suited to set and judge the software project with the tutor.",
    ),
    (
        2,
        "Marco",
        "Bellini",
        "Executive chef",
        True,
        ["Hospitality"],
        "Level 3 Professional Chef Diploma; 18 years in hotel kitchens; food safety level 4.",
        "Trains the hotel's commis chefs and has been an expert witness for NVQ kitchen assessments.",
    ),
    (2, "Hannah", "Cole", "HR business partner", False, ["Hospitality"], "", ""),
    (
        3,
        "Gareth",
        "Sparks",
        "Director",
        True,
        ["Building Services"],
        "JIB Approved Electrician; 18th Edition; NICEIC Qualified Supervisor.",
        "Supervises installation work to BS 7671 daily.",
    ),
    (
        4,
        "Leanne",
        "Walsh",
        "Salon owner",
        True,
        ["Hair & Beauty"],
        "Level 3 Hairdressing; 15 years salon owner.",
        "Trains her own stylists and runs master classes on colour correction.",
    ),
    (6, "Ruth", "Adeyemi", "Registered manager", False, ["Health & Social Care"], "", ""),
]


def _person(ctx: DemoContext, employer: Employer, row: tuple[Any, ...], sectors: dict[str, Sector]) -> EmployerPerson:
    _, given, family, title, practitioner, sector_names, credentials, why = row
    person, created = EmployerPerson.objects.get_or_create(
        centre=employer.centre,
        given_name=given,
        family_name=family,
        defaults={
            "job_title": title,
            "email": f"{given.lower()}.{family.lower()}@example.com",
            "phone": "0113 496 0000",
            "is_practitioner": practitioner,
            "credentials": credentials,
            "why_suitable": why,
        },
    )
    if created:
        person.sectors.set([sectors[n] for n in sector_names])
    Affiliation.objects.get_or_create(
        centre=employer.centre,
        person=person,
        employer=employer,
        defaults={"job_title": title, "started_on": ctx.today - timedelta(days=900)},
    )
    return person


def _check(
    employer: Employer, kind: str, checked: date, expires: date | None, details: dict[str, str], by: Any
) -> None:
    EmployerCheck.objects.get_or_create(
        centre=employer.centre,
        employer=employer,
        kind=kind,
        checked_on=checked,
        defaults={
            "expires_on": expires,
            "details": details,
            "recorded_by": by,
            "recorded_at": timezone.make_aware(datetime.combine(checked, time(10))),
        },
    )


def _checks(ctx: DemoContext, employers: list[Employer], admin: Any) -> None:
    today = ctx.today
    full = {
        CheckKind.ELCI: ({"insurer": "Aviva", "policy_number": "EL-2291-77"}, 300),
        CheckKind.RISK_ASSESSMENT: ({"reviewed_by": "Amira Shah"}, 250),
        CheckKind.SUPERVISOR: ({"person_name": "Dave Hutchinson"}, None),
        CheckKind.SAFEGUARDING: ({"person_name": "Priya Nair", "person_phone": "0113 496 0001"}, None),
        CheckKind.DBS_DECISION: (
            {
                "decision": "No DBS check requested",
                "reason": "KCSIE: supervision of 16-17s on work experience; not regulated activity.",
            },
            None,
        ),
        CheckKind.DATA_SHARING: ({"version": "2.1"}, 365),
    }
    for index in (0, 1, 2):  # all valid
        for kind, (details, days) in full.items():
            _check(
                employers[index],
                kind,
                today - timedelta(days=30),
                today + timedelta(days=days) if days else None,
                details,
                admin,
            )
    # Sparks & Sons: insurance expiring in 12 days. Cut Above: insurance expired last week.
    _check(
        employers[3],
        CheckKind.ELCI,
        today - timedelta(days=353),
        today + timedelta(days=12),
        {"insurer": "Zurich", "policy_number": "ZE-55120"},
        admin,
    )
    _check(
        employers[3],
        CheckKind.SAFEGUARDING,
        today - timedelta(days=100),
        None,
        {"person_name": "Gareth Sparks", "person_phone": "01924 000111"},
        admin,
    )
    _check(
        employers[4],
        CheckKind.ELCI,
        today - timedelta(days=372),
        today - timedelta(days=7),
        {"insurer": "Hiscox", "policy_number": "HX-8812"},
        admin,
    )
    _check(
        employers[6],
        CheckKind.RISK_ASSESSMENT,
        today - timedelta(days=340),
        today + timedelta(days=25),
        {"reviewed_by": "Ruth Adeyemi"},
        admin,
    )


def _interactions(ctx: DemoContext, employers: list[Employer], people: list[EmployerPerson]) -> None:
    o = ctx.objects
    rows = [
        (
            employers[0],
            o["coordinator"],
            60,
            "meeting",
            "Placement planning for IT and engineering groups",
            "Agreed two CNC master classes in spring",
            "Send dates for master classes",
            14,
            [people[0], people[1]],
        ),
        (
            employers[0],
            o["chef"],
            10,
            "phone",
            "Catering for the open evening",
            "They asked about hospitality placements too",
            "Speak to Tom Okafor first",
            7,
            [people[0]],
        ),
        (
            employers[2],
            o["chef"],
            45,
            "meeting",
            "Kitchen placements for Level 2 chefs",
            "Three placements offered for the summer term",
            "Draft learning agreements",
            20,
            [people[3]],
        ),
        (
            employers[2],
            o["coordinator"],
            5,
            "email",
            "IT support work experience",
            "HR interested in a digital placement",
            "",
            None,
            [people[4]],
        ),
        (
            employers[1],
            o["coordinator"],
            20,
            "video",
            "Software project brief",
            "Brief agreed with Zara",
            "Zara to review the learners' designs",
            30,
            [people[2]],
        ),
    ]
    for employer, staff, ago, channel, subject, outcome, step, due, who in rows:
        if Interaction.objects.filter(employer=employer, subject=subject).exists():
            continue
        membership = staff.memberships.filter(centre=employer.centre).exclude(department=None).first()
        interaction = Interaction.objects.create(
            centre=employer.centre,
            employer=employer,
            staff=staff,
            department=membership.department if membership else None,
            occurred_on=ctx.today - timedelta(days=ago),
            channel=channel,
            subject=subject,
            outcome=outcome,
            next_step=step,
            next_step_due=ctx.today - timedelta(days=ago) + timedelta(days=due) if due else None,
        )
        interaction.people.set(who)


def _agreements(ctx: DemoContext, employers: list[Employer], people: list[EmployerPerson]) -> None:
    o = ctx.objects
    contact = people[0]  # Priya Nair signs for Aire Precision through the portal
    if contact.user_id != o["employer_user"].pk:
        contact.user, contact.may_use_portal, contact.email = o["employer_user"], True, o["employer_user"].email
        contact.save()
    learner = o["demo_learner"]
    content = {
        "objectives": "Experience real engineering production and quality control.",
        "learning_outcomes": "Set up and run a CNC lathe under supervision; inspect parts against drawings.",
        "methods": "Supervised practice in the workshop; weekly review with the tutor; observation by Dave Hutchinson.",
        "protocols": "The supervisor calls the tutor on any concern the same day; one visit by the tutor each month.",
        "data_shared": "The learner's name, course, attendance on placement days and emergency contact.",
        "data_sharing_purpose": "So the supervisor can keep the learner safe and confirm their attendance.",
    }
    signed, _ = Agreement.objects.get_or_create(
        centre=employers[0].centre,
        employer=employers[0],
        learner=learner,
        title="CNC workshop placement",
        version=1,
        defaults={
            **content,
            "employer_contact": contact,
            "starts_on": ctx.today - timedelta(days=30),
            "ends_on": ctx.today + timedelta(days=120),
            "created_by": o["admin"],
        },
    )
    for party, user, name in (
        (Party.CENTRE, o["admin"], "Amira Shah"),
        (Party.LEARNER, learner.user, f"{learner.given_name} {learner.family_name}"),
        (Party.EMPLOYER, o["employer_user"], "Priya Nair"),
    ):
        if not signed.signatures.filter(party=party).exists():
            agreement_service.sign(signed, party=party, user=user, typed_name=name, ip_address="127.0.0.1")
    awaiting, _ = Agreement.objects.get_or_create(
        centre=employers[0].centre,
        employer=employers[0],
        learner=learner,
        title="Quality inspection project",
        version=1,
        defaults={
            **content,
            "objectives": "Plan and carry out a quality inspection of a production batch.",
            "employer_contact": contact,
            "starts_on": ctx.today + timedelta(days=14),
            "ends_on": ctx.today + timedelta(days=90),
            "created_by": o["coordinator"],
        },
    )
    for party, user, name in (
        (Party.CENTRE, o["coordinator"], "Tom Okafor"),
        (Party.LEARNER, learner.user, f"{learner.given_name} {learner.family_name}"),
    ):
        if not awaiting.signatures.filter(party=party).exists():
            agreement_service.sign(awaiting, party=party, user=user, typed_name=name, ip_address="127.0.0.1")


def run(ctx: DemoContext) -> None:
    riverside = ctx.objects["riverside"]
    sectors = {s.name: s for s in Sector.objects.all()}
    employers: list[Employer] = []
    for legal, trading, number, sector_names, size, status, owner_key, (site, town, postcode) in EMPLOYERS:
        owner = ctx.objects.get(owner_key) if owner_key else None
        membership = owner.memberships.filter(centre=riverside).exclude(department=None).first() if owner else None
        employer, created = Employer.objects.get_or_create(
            centre=riverside,
            legal_name=legal,
            defaults={
                "trading_name": trading,
                "company_number": number,
                # An invented Employer Reference Number for the ILR export (only where the employer has one).
                "ern": f"9{number[-8:]}" if number and number[-8:].isdigit() else "",
                "size": size,
                "status": status,
                "relationship_owner": owner,
                "owner_department": membership.department if membership else None,
                "website": f"https://www.{(trading or legal).split()[0].lower()}.example",
            },
        )
        if created:
            employer.sectors.set([sectors[n] for n in sector_names])
        EmployerSite.objects.get_or_create(
            centre=riverside,
            employer=employer,
            name=site,
            defaults={"town": town, "postcode": postcode, "is_primary": True, "address": f"1 {site} Road"},
        )
        employers.append(employer)
    people = [_person(ctx, employers[row[0]], row, sectors) for row in PEOPLE]
    _checks(ctx, employers, ctx.objects["admin"])
    _interactions(ctx, employers, people)
    _agreements(ctx, employers, people)
    ctx.objects["demo_employers"] = employers
