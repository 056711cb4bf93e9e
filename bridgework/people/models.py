"""People and places: users, centres, roles at centres, invitations, moderators and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned

UKPRN_VALIDATOR = RegexValidator(r"^1\d{7}$", "A UKPRN is 8 digits starting with 1, for example 10001234.")
CENTRE_NUMBER_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9]{3,12}$", "A centre number is 3 to 12 letters or digits, for example 61234."
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("Users need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_platform_admin", True)
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who signs in. Roles come from memberships, moderator assignments and the platform flag."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    is_platform_admin = models.BooleanField(
        default=False, help_text="Manages centres and the qualification catalogue for the whole platform."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.email


class Centre(models.Model):
    """A college or school. Not scoped itself: it is the scope."""

    number = models.CharField("centre number", max_length=12, unique=True, validators=[CENTRE_NUMBER_VALIDATOR])
    name = models.CharField(max_length=200)
    ukprn = models.CharField("UKPRN", max_length=8, blank=True, validators=[UKPRN_VALIDATOR])
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class CentreAwardingNumber(CentreOwned):
    """The centre's own number at an awarding organisation (OCR: 5 digits)."""

    awarding_organisation = models.ForeignKey("catalogue.AwardingOrganisation", on_delete=models.PROTECT)
    number = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "awarding_organisation"], name="centre_ao_number_once"),
            models.UniqueConstraint(fields=["awarding_organisation", "number"], name="ao_centre_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.awarding_organisation.code} {self.number}"


class Department(CentreOwned):
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CENTRE_ADMIN = "centre_admin", "Centre administrator"
    STAFF = "staff", "Centre staff"
    LEARNER = "learner", "Learner"
    EMPLOYER_CONTACT = "employer_contact", "Employer contact"


STAFF_ROLES = frozenset({Role.CENTRE_ADMIN, Role.STAFF})


class Membership(CentreOwned):
    """A person's role at a centre. One person may hold several roles at several centres."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    deactivated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["user__email", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "centre", "role"], name="membership_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class Invitation(CentreOwned):
    """An emailed, expiring, single-use link that grants a role at a centre."""

    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True)
    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} ({self.get_role_display()})"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class ModeratorProfile(models.Model):
    """A moderator works for one awarding organisation and sees only the centres assigned to them."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="moderator_profile")
    awarding_organisation = models.ForeignKey("catalogue.AwardingOrganisation", on_delete=models.PROTECT)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.awarding_organisation.code} moderator)"


class ModeratorAssignment(models.Model):
    moderator = models.ForeignKey(ModeratorProfile, on_delete=models.CASCADE, related_name="assignments")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="moderator_assignments")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["moderator", "centre"], name="moderator_assignment_once")]

    def __str__(self) -> str:
        return f"{self.moderator} → {self.centre}"


class ApiToken(CentreOwned):
    """A bearer token for the REST API. Only a SHA-256 hash of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognise the token.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["token_hash"], condition=Q(revoked_at=None), name="apitoken_live")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
