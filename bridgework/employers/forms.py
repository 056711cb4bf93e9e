"""Forms for employer pages. They validate input; the services in employers/services do the work."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.catalogue.models import Sector
from bridgework.core.uploads import validate_upload
from bridgework.employers.models import (
    Affiliation,
    Agreement,
    CheckKind,
    Employer,
    EmployerPerson,
    EmployerSite,
    Interaction,
)
from bridgework.employers.services.checks import validate_new_check
from bridgework.people.models import STAFF_ROLES, Membership, User


def _learner_model() -> Any:
    from bridgework.learners.models import Learner

    return Learner


def _empty(model: Any) -> Any:
    """An empty queryset for a scoped model, made at import time (outside any scope); each form sets the
    real, scoped queryset in __init__."""
    with scopes_disabled():
        return model.objects.none()


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def staff_users(centre_id: int) -> Any:
    ids = Membership.objects.filter(centre_id=centre_id, role__in=STAFF_ROLES, is_active=True).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "email")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class EmployerForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", help_text="For example https://example.co.uk")
    postcode = forms.CharField(
        label="Main site postcode", max_length=8, required=False, help_text="Used to spot duplicate records."
    )
    not_a_duplicate = forms.BooleanField(
        required=False, label="This is a different employer: create it anyway", widget=forms.CheckboxInput
    )

    class Meta:
        model = Employer
        fields = [
            "legal_name",
            "trading_name",
            "company_number",
            "ern",
            "sectors",
            "size",
            "website",
            "status",
            "relationship_owner",
            "notes",
        ]
        widgets = {"sectors": forms.CheckboxSelectMultiple, "notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"relationship_owner": StaffChoiceField}

    def __init__(self, *args: Any, centre_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relationship_owner"].queryset = staff_users(centre_id)
        self.fields["sectors"].queryset = Sector.objects.order_by("name")
        self.fields["company_number"].help_text = "Optional. 8 characters, like 01234567 or SC123456."
        self.fields[
            "ern"
        ].help_text = "Optional. 9 digits, from the Employer Data Service: the ILR needs it for work placements."
        if self.instance.pk:
            del self.fields["postcode"]
            del self.fields["not_a_duplicate"]

    def clean_company_number(self) -> str:
        return self.cleaned_data["company_number"].replace(" ", "").upper()

    def clean_postcode(self) -> str:
        from bridgework.employers.models import POSTCODE_VALIDATOR

        value = " ".join(self.cleaned_data.get("postcode", "").upper().split())
        if value:
            POSTCODE_VALIDATOR(value)
        return value


class SiteForm(forms.ModelForm):
    class Meta:
        model = EmployerSite
        fields = ["name", "address", "town", "postcode", "is_primary"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def clean_postcode(self) -> str:
        return " ".join(self.cleaned_data["postcode"].upper().split())


class PersonForm(forms.ModelForm):
    job_title_here = forms.CharField(label="Job title at this employer", max_length=150, required=False)
    started_on = forms.DateField(label="Started at this employer", required=False, widget=DATE)

    class Meta:
        model = EmployerPerson
        fields = [
            "given_name",
            "family_name",
            "job_title",
            "email",
            "phone",
            "is_contact",
            "is_practitioner",
            "sectors",
            "credentials",
            "why_suitable",
            "may_use_portal",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "credentials": forms.Textarea(attrs={"rows": 3}),
            "why_suitable": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.order_by("name")
        self.fields["sectors"].label = "Sectors of expertise"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("is_practitioner") and not (data.get("why_suitable") or "").strip():
            self.add_error("why_suitable", "Say why this practitioner is suitable: expert witnesses need it.")
        if data.get("may_use_portal") and not data.get("email"):
            self.add_error("email", "Enter an email address: people who use the portal sign in with it.")
        return data


class InteractionForm(forms.ModelForm):
    people = forms.ModelMultipleChoiceField(
        label="Who at the employer",
        queryset=_empty(EmployerPerson),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Interaction
        fields = ["occurred_on", "channel", "people", "subject", "outcome", "next_step", "next_step_due"]
        widgets = {
            "occurred_on": DATE,
            "next_step_due": DATE,
            "channel": forms.RadioSelect,
            "people": forms.CheckboxSelectMultiple,
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = EmployerPerson.objects.filter(affiliations__employer=employer).distinct()
        self.fields["channel"].choices = list(self.fields["channel"].choices)[1:]  # no empty radio

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = timezone.localdate()
        if data.get("occurred_on") and data["occurred_on"] > today:
            self.add_error("occurred_on", "The date of contact must be today or in the past.")
        if data.get("next_step_due") and not data.get("next_step"):
            self.add_error("next_step", "Enter the next step, or remove its due date.")
        if data.get("next_step_due") and data.get("occurred_on") and data["next_step_due"] < data["occurred_on"]:
            self.add_error("next_step_due", "The next step must be due on or after the date of contact.")
        return data


class CheckForm(forms.Form):
    kind = forms.ChoiceField(label="Check", choices=CheckKind.choices, widget=forms.RadioSelect)
    checked_on = forms.DateField(label="Date checked or reviewed", widget=DATE)
    expires_on = forms.DateField(
        label="Expiry or next review date", required=False, widget=DATE, help_text="Leave blank if it does not expire."
    )
    insurer = forms.CharField(max_length=120, required=False, help_text="Employers' liability insurance only.")
    policy_number = forms.CharField(max_length=60, required=False, help_text="Employers' liability insurance only.")
    reviewed_by = forms.CharField(
        label="Reviewed by", max_length=120, required=False, help_text="Risk assessment review only."
    )
    person_name = forms.CharField(
        label="Name", max_length=120, required=False, help_text="Named supervisor or safeguarding contact."
    )
    person_phone = forms.CharField(label="Phone", max_length=30, required=False)
    decision = forms.CharField(
        label="DBS decision", max_length=200, required=False, help_text="For example: no DBS check requested."
    )
    reason = forms.CharField(
        label="Reason for the DBS decision", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.CharField(label="Data-sharing agreement version", max_length=30, required=False)
    certificate = forms.FileField(
        label="Certificate or document", required=False, help_text="A PDF or an image, up to 25 MB."
    )

    REQUIRED = {
        CheckKind.ELCI: ("insurer", "policy_number"),
        CheckKind.RISK_ASSESSMENT: ("reviewed_by",),
        CheckKind.SUPERVISOR: ("person_name",),
        CheckKind.SAFEGUARDING: ("person_name", "person_phone"),
        CheckKind.DBS_DECISION: ("decision", "reason"),
        CheckKind.DATA_SHARING: ("version",),
    }
    DETAIL_FIELDS = (
        "insurer",
        "policy_number",
        "reviewed_by",
        "person_name",
        "person_phone",
        "decision",
        "reason",
        "version",
    )

    def clean_certificate(self) -> Any:
        file = self.cleaned_data.get("certificate")
        if file:
            validate_upload(file, allowed_kinds={"pdf", "image"})
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        for name in self.REQUIRED[CheckKind(kind)]:
            if not (data.get(name) or "").strip():
                self.add_error(name, f"Enter the {self.fields[name].label or name.replace('_', ' ')} for this check.")
        if data.get("checked_on"):
            for field, message in validate_new_check(
                kind, data["checked_on"], data.get("expires_on"), timezone.localdate()
            ).items():
                self.add_error(field, message)
        return data

    def details(self) -> dict[str, str]:
        wanted = self.REQUIRED[CheckKind(self.cleaned_data["kind"])]
        return {f: self.cleaned_data[f].strip() for f in wanted if self.cleaned_data.get(f)}


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label="Keep this employer", queryset=_empty(Employer), help_text="Everything moves to this record."
    )
    confirm = forms.BooleanField(label="I have checked these are the same employer")

    def __init__(self, *args: Any, source: Employer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Employer.objects.filter(merged_into__isnull=True).exclude(pk=source.pk)


class AgreementForm(forms.ModelForm):
    learner = forms.ModelChoiceField(queryset=_empty(_learner_model()))
    employer_contact = forms.ModelChoiceField(
        queryset=_empty(EmployerPerson), help_text="The person who signs for the employer."
    )

    class Meta:
        model = Agreement
        fields = [
            "learner",
            "employer_contact",
            "title",
            "objectives",
            "learning_outcomes",
            "methods",
            "protocols",
            "data_shared",
            "data_sharing_purpose",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in (
                    "objectives",
                    "learning_outcomes",
                    "methods",
                    "protocols",
                    "data_shared",
                    "data_sharing_purpose",
                )
            },
        }

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        from bridgework.learners.models import Learner

        super().__init__(*args, **kwargs)
        self.fields["employer_contact"].queryset = EmployerPerson.objects.filter(
            affiliations__employer=employer, is_contact=True
        ).distinct()
        self.fields["learner"].queryset = Learner.objects.order_by("family_name", "given_name")
        if self.instance.pk:  # a new version: the parties stay
            del self.fields["learner"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end date must be on or after the start date.")
        return data


class SignForm(forms.Form):
    typed_name = forms.CharField(
        label="Type your full name to sign", max_length=200, help_text="Typing your name here is your signature."
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: EmployerPerson) -> str:
        return f"{obj.full_name}{f', {obj.job_title}' if obj.job_title else ''}"


class LinkPersonForm(forms.Form):
    """A practitioner moves between employers over time: link someone already known to this employer."""

    person = PersonChoiceField(label="Person", queryset=_empty(EmployerPerson))
    job_title = forms.CharField(label="Job title at this employer", max_length=150, required=False)
    started_on = forms.DateField(label="Started at this employer", required=False, widget=DATE)
    left_previous = forms.BooleanField(
        label="They have left their previous employers",
        required=False,
        help_text="Their other current links end the day before they started here (or today).",
    )

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        linked_now = Affiliation.objects.filter(employer=employer, ended_on__isnull=True).values("person_id")
        self.fields["person"].queryset = EmployerPerson.objects.exclude(pk__in=linked_now).order_by(
            "family_name", "given_name"
        )
