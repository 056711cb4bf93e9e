"""Demo step: learners, enrolments and teaching groups at the demo centres, with valid ULNs."""

from __future__ import annotations

from datetime import date

from bridgework.catalogue.models import Qualification
from bridgework.core.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DemoContext
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Enrolment, Learner, LearnerAwardingNumber, TeachingGroup
from bridgework.people.models import Role, User
from bridgework.people.services.centres import grant_role

GIVEN = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Finn",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Kacper",
    "Layla",
    "Mohammed",
    "Nia",
    "Oliver",
    "Poppy",
    "Rhys",
    "Sofia",
    "Tyler",
    "Zara",
]
FAMILY = [
    "Ahmed",
    "Baker",
    "Clarke",
    "Davies",
    "Evans",
    "Fletcher",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owen",
    "Patel",
    "Roberts",
    "Singh",
    "Taylor",
    "Walsh",
]

COHORTS = [
    # (awarding organisation, qualification title, group name, learners, tutor key)
    (
        "OCR",
        "OCR Level 3 Cambridge Technical Diploma in IT (e.g. Application Developer pathway)",
        "IT-L3-A",
        14,
        "coordinator",
    ),
    ("OCR", "OCR Level 3 Cambridge Technical Extended Diploma in Engineering", "ENG-L3-A", 12, "coordinator"),
    ("OCR", "OCR Level 3 Cambridge Technical Certificate in Business", "BUS-L3-A", 6, "admin"),
    (
        "CG",
        "City & Guilds Level 3 Advanced Technical Diploma in Electrical Installation (450)",
        "ELEC-L3-A",
        10,
        "coordinator",
    ),
    ("CG", "City & Guilds Level 2 Technical Certificate in Professional Cookery", "CHEF-L2-A", 10, "chef"),
]


def uln_from(seed: int) -> str:
    """A valid ULN (check digit computed) derived from a seed, for demo learners."""
    prefix_number = 400_000_000 + seed * 7919  # spaced far apart so retries never collide
    while True:
        prefix = str(prefix_number)
        weighted = sum(int(d) * w for d, w in zip(prefix, range(10, 1, -1), strict=True))
        check = (10 - weighted) % 11
        if check < 10:
            return prefix + str(check)
        prefix_number += 1


def run(ctx: DemoContext) -> None:
    riverside = ctx.objects["riverside"]
    year = academic_year_of(ctx.today)
    start = date(int(year[:4]), 9, 7)
    serial = 0
    for ao_code, title, group_name, size, tutor_key in COHORTS:
        qualification = Qualification.objects.get(awarding_organisation__code=ao_code, title=title)
        group, _ = TeachingGroup.objects.get_or_create(
            centre=riverside,
            name=group_name,
            academic_year=year,
            defaults={"qualification": qualification, "tutor": ctx.objects[tutor_key]},
        )
        for _ in range(size):
            serial += 1
            given, family = GIVEN[serial % len(GIVEN)], FAMILY[(serial * 7) % len(FAMILY)]
            # Most are 16 on 31 August; a few edge cases make the MEI rule visible.
            birth = date(int(year[:4]) - 16, 1 + (serial % 12), 1 + (serial % 27))
            ehc = False
            if serial == 5:
                birth = date(int(year[:4]) - 19, 8, 31)  # 19 on 31 August: outside the age rule
            elif serial == 6:
                birth, ehc = date(int(year[:4]) - 20, 3, 14), True  # 20 with an EHC plan: required
            learner, _ = Learner.objects.get_or_create(
                centre=riverside,
                mis_ref=f"RC{serial:05d}",
                defaults={
                    "given_name": given,
                    "family_name": family,
                    "date_of_birth": birth,
                    "uln": uln_from(serial),
                    "ehc_plan": ehc,
                },
            )
            LearnerAwardingNumber.objects.get_or_create(
                centre=riverside,
                learner=learner,
                awarding_organisation=ctx.objects[ao_code.lower()],
                defaults={"number": f"{serial:04d}" if ao_code == "OCR" else f"CG{serial:06d}"},
            )
            enrolment, _ = Enrolment.objects.get_or_create(
                centre=riverside,
                learner=learner,
                qualification=qualification,
                academic_year=year,
                defaults={"start_date": start},
            )
            group.enrolments.add(enrolment)
            if serial == 1:
                ctx.objects["demo_learner"] = learner
    learner = ctx.objects["demo_learner"]
    email = f"learner@{DEMO_EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=DEMO_PASSWORD, first_name=learner.given_name, last_name=learner.family_name
    )
    grant_role(user, riverside, Role.LEARNER)
    if learner.user_id != user.pk:
        learner.user = user
        learner.save(update_fields=["user"])
    ctx.account("Learner", email)

    northgate = ctx.objects["northgate"]
    qualification = Qualification.objects.get(awarding_organisation__code="OCR", title=COHORTS[0][1])
    for i in range(1, 6):
        learner, _ = Learner.objects.get_or_create(
            centre=northgate,
            mis_ref=f"NG{i:05d}",
            defaults={
                "given_name": GIVEN[-i],
                "family_name": FAMILY[i],
                "date_of_birth": date(int(year[:4]) - 16, i, 10),
                "uln": uln_from(500 + i),
            },
        )
        Enrolment.objects.get_or_create(
            centre=northgate,
            learner=learner,
            qualification=qualification,
            academic_year=year,
            defaults={"start_date": start},
        )
