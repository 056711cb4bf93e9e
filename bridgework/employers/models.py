"""Employers: one shared record per employer at a centre, its sites, its people, its safety checks,
the institution-wide interaction log, merges of duplicates and tripartite learning agreements."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from bridgework.core.tenancy import CentreOwned

# Companies House numbers: 8 digits, or a 2-letter prefix (SC, NI, OC, SO, NC, R0, ...) and 6 digits.
COMPANY_NUMBER_VALIDATOR = RegexValidator(
    r"^(\d{8}|[A-Z]{2}\d{6}|R0\d{6})$",
    "Enter a Companies House number of 8 characters, like 01234567 or SC123456.",
)
# The Employer Data Service's Employer Reference Number: the ILR's WorkPlaceEmpId (9 digits).
ERN_VALIDATOR = RegexValidator(r"^\d{9}$", "Enter an Employer Reference Number of 9 digits, like 123456789.")
POSTCODE_VALIDATOR = RegexValidator(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", "Enter a UK postcode, like LS1 4AP.")


class EmployerStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class EmployerSize(models.TextChoices):
    MICRO = "micro", "Micro (fewer than 10 staff)"
    SMALL = "small", "Small (10 to 49)"
    MEDIUM = "medium", "Medium (50 to 249)"
    LARGE = "large", "Large (250 or more)"


class Employer(CentreOwned):
    legal_name = models.CharField(max_length=200)
    trading_name = models.CharField(max_length=200, blank=True)
    company_number = models.CharField(
        "Companies House number", max_length=8, blank=True, validators=[COMPANY_NUMBER_VALIDATOR]
    )
    ern = models.CharField(
        "Employer Reference Number (ERN)",
        max_length=9,
        blank=True,
        validators=[ERN_VALIDATOR],
        help_text="The Employer Data Service number the ILR asks for with a work placement (WorkPlaceEmpId).",
    )
    sectors = models.ManyToManyField("catalogue.Sector", related_name="+", blank=True)
    size = models.CharField(max_length=10, choices=EmployerSize.choices, blank=True)
    website = models.URLField(blank=True)
    status = models.CharField(max_length=10, choices=EmployerStatus.choices, default=EmployerStatus.PROSPECT)
    relationship_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member of staff who owns the relationship.",
    )
    owner_department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    # Set when this record was merged into another: the row stays so history and links keep resolving.
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legal_name", "id"]
        indexes = [models.Index(fields=["centre", "legal_name"], name="employer_name_idx")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.trading_name or self.legal_name


class EmployerSite(CentreOwned):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(max_length=120, help_text="For example Head office or Leeds depot.")
    address = models.TextField(blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, validators=[POSTCODE_VALIDATOR])
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "name"]
        indexes = [models.Index(fields=["centre", "postcode"], name="employer_site_postcode_idx")]

    def __str__(self) -> str:
        return f"{self.name}, {self.postcode}"


class EmployerPerson(CentreOwned):
    """A contact or industry practitioner. Linked to employers through affiliations, over time."""

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    is_contact = models.BooleanField(default=True, help_text="Someone the centre deals with.")
    is_practitioner = models.BooleanField(
        default=False, help_text="An industry practitioner who delivers or assesses (guest lectures, expert witness)."
    )
    sectors = models.ManyToManyField("catalogue.Sector", related_name="+", blank=True)
    credentials = models.TextField(blank=True, help_text="Qualifications, registrations, years in the industry.")
    why_suitable = models.TextField(
        blank=True, help_text="Why this person is suitable, for example as an expert witness for this sector."
    )
    may_use_portal = models.BooleanField(default=False, help_text="May sign in to the employer portal.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="employer_people"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["family_name", "given_name", "id"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Affiliation(CentreOwned):
    """A person's time at an employer: a practitioner may move between employers."""

    person = models.ForeignKey(EmployerPerson, on_delete=models.CASCADE, related_name="affiliations")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="affiliations")
    job_title = models.CharField(max_length=150, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "id"]

    def __str__(self) -> str:
        return f"{self.person} at {self.employer}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()


class CheckKind(models.TextChoices):
    ELCI = "elci", "Employers' liability insurance"
    RISK_ASSESSMENT = "risk_assessment", "Health and safety / risk assessment review"
    SUPERVISOR = "supervisor", "Named supervisor"
    SAFEGUARDING = "safeguarding", "Safeguarding contact"
    DBS_DECISION = "dbs_decision", "DBS decision"
    DATA_SHARING = "data_sharing", "Data-sharing agreement"


class EmployerCheck(CentreOwned):
    """One recorded safety or compliance check. The newest record of each kind is the one in force."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=20, choices=CheckKind.choices)
    checked_on = models.DateField(help_text="When it was checked or reviewed.")
    expires_on = models.DateField(null=True, blank=True, help_text="Expiry or next review date, if any.")
    # Kind-specific facts: insurer + policy number (ELCI), reviewed by (risk assessment), name + phone
    # (supervisor, safeguarding), decision + reason (DBS), version (data sharing).
    details = models.JSONField(default=dict, blank=True)
    certificate = models.FileField(upload_to="employer-checks/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["employer_id", "kind", "-checked_on", "-id"]
        indexes = [models.Index(fields=["centre", "kind", "expires_on"], name="employer_check_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.employer}"


class Channel(models.TextChoices):
    MEETING = "meeting", "Meeting in person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    EVENT = "event", "Event"
    OTHER = "other", "Other"


class Interaction(CentreOwned):
    """A contact between any member of staff, from any department, and an employer (seed 002)."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="interactions")
    occurred_on = models.DateField("Date of contact")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The department at the time of the contact: people move, the history should not.
    department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    people = models.ManyToManyField(
        EmployerPerson, related_name="interactions", blank=True, verbose_name="Who at the employer"
    )
    subject = models.CharField(max_length=200)
    outcome = models.TextField(blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    next_step_due = models.DateField("Next step due", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["centre", "employer", "occurred_on"], name="interaction_employer_idx")]

    def __str__(self) -> str:
        return f"{self.subject} ({self.occurred_on:%-d %b %Y})"


class EmployerMerge(CentreOwned):
    """The record of a merge: what moved from the duplicate to the record kept."""

    source = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="merged_away")
    target = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="merges_received")
    moved = models.JSONField(default=dict, help_text="The primary keys of the rows of each kind that moved.")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.source} merged into {self.target}"


class Party(models.TextChoices):
    LEARNER = "learner", "Learner"
    CENTRE = "centre", "Centre"
    EMPLOYER = "employer", "Employer"


class Agreement(CentreOwned):
    """A tripartite learning agreement (learner, centre, employer), seed 002. Each version is signed on its
    own; once signed by all three it never changes: a change is a new version that needs new signatures."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="agreements")
    learner = models.ForeignKey("learners.Learner", on_delete=models.PROTECT, related_name="agreements")
    employer_contact = models.ForeignKey(
        EmployerPerson,
        on_delete=models.PROTECT,
        related_name="agreements",
        help_text="The person who signs for the employer.",
    )
    version = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    title = models.CharField(max_length=200)
    objectives = models.TextField()
    learning_outcomes = models.TextField()
    methods = models.TextField("Learning and assessment methods")
    protocols = models.TextField(help_text="How the three parties work together: contacts, visits, concerns.")
    data_shared = models.TextField("Data shared with the employer", help_text="What learner data is shared.")
    data_sharing_purpose = models.TextField("Why it is shared")
    starts_on = models.DateField()
    ends_on = models.DateField()
    superseded_at = models.DateTimeField(null=True, blank=True)
    # Set when the third party signs: from then on this version is immutable.
    completed_at = models.DateTimeField(null=True, blank=True)
    signed_pdf = models.FileField(upload_to="agreements/%Y/", blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    consent_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["centre", "learner"], name="agreement_learner_idx")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    # What the three parties signed. Consent, supersession, the PDF and a merge of employers may change.
    SIGNED_FIELDS = (
        "learner_id",
        "employer_contact_id",
        "version",
        "title",
        "objectives",
        "learning_outcomes",
        "methods",
        "protocols",
        "data_shared",
        "data_sharing_purpose",
        "starts_on",
        "ends_on",
    )

    def save(self, *args: object, **kwargs: object) -> None:
        # A signed version is immutable whatever code path tries to change it: changes are new versions.
        if self.pk is not None and self.completed_at is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*self.SIGNED_FIELDS, "completed_at").first()
            if stored and stored["completed_at"] is not None:
                changed = [f for f in self.SIGNED_FIELDS if getattr(self, f) != stored[f]]
                if changed:
                    raise ValueError(f"A signed agreement cannot change ({', '.join(changed)}): create a new version.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_fully_signed(self) -> bool:
        return self.completed_at is not None


class AgreementSignature(CentreOwned):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="signatures")
    party = models.CharField(max_length=10, choices=Party.choices)
    typed_name = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        # The database refuses a second signature by the same party, whatever the race.
        constraints = [models.UniqueConstraint(fields=["agreement", "party"], name="agreement_party_signs_once")]

    def __str__(self) -> str:
        return f"{self.get_party_display()} signed {self.agreement}"
