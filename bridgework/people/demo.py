"""Demo step: two centres, their staff, an employer contact, a moderator and a platform admin."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from bridgework.catalogue.models import AwardingOrganisation
from bridgework.core.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_SECRET, DemoContext
from bridgework.people.models import (
    Centre,
    CentreAwardingNumber,
    Department,
    ModeratorAssignment,
    ModeratorProfile,
    Role,
    User,
)
from bridgework.people.services.centres import grant_role


def demo_user(email_local: str, first: str, last: str, *, password: bool = True, **extra: object) -> User:
    email = f"{email_local}@{DEMO_EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD if password else None,
            first_name=first,
            last_name=last,
            **extra,
        )
    return user


def with_totp(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(DEMO_TOTP_SECRET)}
        )


def run(ctx: DemoContext) -> None:
    ocr = AwardingOrganisation.objects.get(code="OCR")
    cg = AwardingOrganisation.objects.get(code="CG")
    riverside, _ = Centre.objects.get_or_create(
        number="61001", defaults={"name": "Riverside College", "ukprn": "10005432"}
    )
    northgate, _ = Centre.objects.get_or_create(number="61002", defaults={"name": "Northgate Sixth Form College"})
    for centre, ao, number in [
        (riverside, ocr, "61001"),
        (riverside, cg, "812345"),
        (northgate, ocr, "61002"),
    ]:
        CentreAwardingNumber.objects.get_or_create(centre=centre, awarding_organisation=ao, defaults={"number": number})
    departments = {
        name: Department.objects.get_or_create(centre=riverside, name=name)[0]
        for name in ("Engineering and Digital", "Hospitality and Catering", "Business", "Employer Engagement")
    }
    ctx.objects.update(riverside=riverside, northgate=northgate, departments=departments, ocr=ocr, cg=cg)

    admin = demo_user("admin", "Amira", "Shah")
    grant_role(admin, riverside, Role.CENTRE_ADMIN, department=departments["Employer Engagement"])
    grant_role(admin, riverside, Role.STAFF, department=departments["Employer Engagement"])
    with_totp(admin)
    ctx.account("Centre admin", admin.email, f"password {DEMO_PASSWORD} + code from `bridgework totp`")

    coordinator = demo_user("coordinator", "Tom", "Okafor")
    grant_role(coordinator, riverside, Role.STAFF, department=departments["Engineering and Digital"])
    ctx.account("Centre staff", coordinator.email)

    chef = demo_user("hospitality", "Grace", "Lewis")
    grant_role(chef, riverside, Role.STAFF, department=departments["Hospitality and Catering"])
    ctx.account("Centre staff (2nd department)", chef.email)

    employer = demo_user("employer", "Priya", "Nair", password=False)
    grant_role(employer, riverside, Role.EMPLOYER_CONTACT)
    ctx.account("Employer contact", employer.email, "sign in with an emailed code (printed in the server log)")

    moderator = demo_user("moderator", "Helen", "Fraser")
    profile, _ = ModeratorProfile.objects.get_or_create(user=moderator, defaults={"awarding_organisation": ocr})
    ModeratorAssignment.objects.get_or_create(moderator=profile, centre=riverside)
    with_totp(moderator)
    ctx.account("Moderator (OCR)", moderator.email, f"password {DEMO_PASSWORD} + code from `bridgework totp`")

    platform = demo_user("platform", "Sam", "Reid", is_platform_admin=True)
    with_totp(platform)
    ctx.account("Platform admin", platform.email, f"password {DEMO_PASSWORD} + code from `bridgework totp`")

    northgate_admin = demo_user("northgate.admin", "Owen", "Price")
    grant_role(northgate_admin, northgate, Role.CENTRE_ADMIN)
    with_totp(northgate_admin)
    ctx.account("Centre admin (other centre)", northgate_admin.email, f"password {DEMO_PASSWORD} + code")
    ctx.objects.update(admin=admin, coordinator=coordinator, chef=chef, employer_user=employer, moderator=moderator)
