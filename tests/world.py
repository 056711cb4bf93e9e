"""A tiny fixed test world: two centres (A is "own", B is "other"), each with an admin, a staff
member, a learner with an account and an employer contact; one OCR moderator assigned to centre A
only; a platform admin.

Built with scopes disabled (see conftest.pytest_fixture_setup). Extend it as features arrive, keeping it small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from bridgework.catalogue.models import AwardingOrganisation, Qualification
from bridgework.catalogue.services.loader import load_catalogue
from bridgework.learners.models import Enrolment, Learner, TeachingGroup
from bridgework.people.models import (
    Centre,
    Department,
    ModeratorAssignment,
    ModeratorProfile,
    Role,
    User,
)
from bridgework.people.services.centres import grant_role

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ROLES = ("anonymous", "platform_admin", "centre_admin", "staff", "learner", "employer_contact", "moderator")


@dataclass
class CentreWorld:
    centre: Centre
    department: Department
    admin: User
    staff: User
    learner_user: User
    employer_user: User
    learner: Learner
    enrolment: Enrolment
    group: TeachingGroup


@dataclass
class World:
    a: CentreWorld
    b: CentreWorld
    moderator: User
    platform_admin: User
    qualification: Qualification
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        """The person holding `role` at centre A (the 'own' centre); None for anonymous."""
        return {
            "anonymous": None,
            "platform_admin": self.platform_admin,
            "centre_admin": self.a.admin,
            "staff": self.a.staff,
            "learner": self.a.learner_user,
            "employer_contact": self.a.employer_user,
            "moderator": self.moderator,
        }[role]

    def centre(self, which: str) -> CentreWorld:
        return self.a if which == "own" else self.b


def make_user(email: str, *, totp: bool = False, **extra: Any) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    if totp:
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(TOTP_SECRET)})
    return user


def _centre(number: str, name: str, qualification: Qualification) -> CentreWorld:
    centre = Centre.objects.create(number=number, name=name)
    department = Department.objects.create(centre=centre, name="Engineering")
    slug = name.split()[0].lower()
    admin = make_user(f"admin@{slug}.test", totp=True, first_name="Ada", last_name=name.split()[0])
    staff = make_user(f"staff@{slug}.test", first_name="Sid", last_name=name.split()[0])
    learner_user = make_user(f"learner@{slug}.test", first_name="Lee", last_name=name.split()[0])
    employer_user = User.objects.create_user(email=f"employer@{slug}.test", first_name="Em")
    grant_role(admin, centre, Role.CENTRE_ADMIN, department=department)
    grant_role(staff, centre, Role.STAFF, department=department)
    grant_role(learner_user, centre, Role.LEARNER)
    grant_role(employer_user, centre, Role.EMPLOYER_CONTACT)
    learner = Learner.objects.create(
        centre=centre,
        given_name="Lee",
        family_name=f"{name.split()[0]}son",
        date_of_birth=date(2009, 3, 1),
        mis_ref=f"{number}L1",
        user=learner_user,
    )
    enrolment = Enrolment.objects.create(
        centre=centre,
        learner=learner,
        qualification=qualification,
        academic_year="2025/26",
        start_date=date(2025, 9, 8),
    )
    group = TeachingGroup.objects.create(
        centre=centre, name="ENG-1", qualification=qualification, academic_year="2025/26", tutor=staff
    )
    group.enrolments.add(enrolment)
    return CentreWorld(centre, department, admin, staff, learner_user, employer_user, learner, enrolment, group)


def ensure_catalogue() -> None:
    """Transactional tests (browser tests) flush the catalogue the data migration loaded: reload it."""
    if not Qualification.objects.exists():
        load_catalogue()


def build_world() -> World:
    ensure_catalogue()
    qualification = Qualification.objects.get(title="OCR Level 3 Cambridge Technical Extended Diploma in Engineering")
    a = _centre("10001", "Alpha College", qualification)
    b = _centre("20002", "Beta College", qualification)
    moderator = make_user("moderator@ao.test", totp=True, first_name="Mo")
    profile = ModeratorProfile.objects.create(
        user=moderator, awarding_organisation=AwardingOrganisation.objects.get(code="OCR")
    )
    ModeratorAssignment.objects.create(moderator=profile, centre=a.centre)
    platform_admin = make_user("platform@bridgework.test", totp=True, is_platform_admin=True)
    return World(a=a, b=b, moderator=moderator, platform_admin=platform_admin, qualification=qualification)
