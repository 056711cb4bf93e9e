"""Forms for learner records and enrolments. Validation that needs the database lives in the services."""

from __future__ import annotations

from django import forms

from bridgework.catalogue.models import AwardingOrganisation, Qualification
from bridgework.learners.identifiers import validate_academic_year
from bridgework.learners.models import Enrolment, EnrolmentStatus, Learner
from bridgework.learners.services.records import (
    EnrolmentDetails,
    LearnerDetails,
    awarding_number_key,
    awarding_number_label,
)


class LearnerForm(forms.Form):
    given_name = forms.CharField(max_length=100, label="Given name")
    family_name = forms.CharField(max_length=100, label="Family name")
    date_of_birth = forms.DateField(label="Date of birth", help_text="For example, 27/03/2009.")
    uln = forms.CharField(
        max_length=12,
        required=False,
        label="ULN",
        help_text="Unique Learner Number: 10 digits. Leave it blank if you do not know it; never enter a placeholder.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric", "spellcheck": "false"}),
    )
    mis_ref = forms.CharField(
        max_length=12,
        required=False,
        label="MIS reference",
        help_text="The learner reference in your college MIS (up to 12 letters, digits or spaces).",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    ehc_plan = forms.BooleanField(
        required=False,
        label="Has an education, health and care (EHC) plan",
        help_text="Learners with an EHC plan need employer involvement up to age 24.",
    )

    def __init__(self, *args, learner: Learner | None = None, **kwargs):  # type: ignore[no-untyped-def]
        self.organisations = list(AwardingOrganisation.objects.order_by("code"))
        if learner is not None:
            numbers = {n.awarding_organisation_id: n.number for n in learner.awarding_numbers.all()}
            initial = {
                "given_name": learner.given_name,
                "family_name": learner.family_name,
                "date_of_birth": learner.date_of_birth,
                "uln": learner.uln,
                "mis_ref": learner.mis_ref,
                "ehc_plan": learner.ehc_plan,
            }
            initial.update({awarding_number_key(ao_id): number for ao_id, number in numbers.items()})
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for organisation in self.organisations:
            self.fields[awarding_number_key(organisation.pk)] = forms.CharField(
                max_length=30,
                required=False,
                label=awarding_number_label(organisation),
                help_text=f"Unique at this centre for {organisation.name}.",
                widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
            )

    def details(self) -> LearnerDetails:
        data = self.cleaned_data
        return LearnerDetails(
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            uln=data["uln"],
            mis_ref=data["mis_ref"],
            ehc_plan=data["ehc_plan"],
            awarding_numbers={o.pk: data.get(awarding_number_key(o.pk), "") for o in self.organisations},
        )


class QualificationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Qualification) -> str:
        return f"{obj.title} ({obj.awarding_organisation.code} {obj.reference})"


class EnrolmentForm(forms.Form):
    qualification = QualificationChoiceField(
        queryset=Qualification.objects.select_related("awarding_organisation").order_by("title"),
        empty_label="Choose a qualification",
    )
    academic_year = forms.CharField(
        validators=[validate_academic_year],
        label="Academic year",
        help_text="For example, 2025/26. Academic years run from 1 August to 31 July.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    start_date = forms.DateField(label="Start date")
    status = forms.ChoiceField(choices=EnrolmentStatus.choices, widget=forms.RadioSelect)

    def __init__(self, *args, enrolment: Enrolment | None = None, **kwargs):  # type: ignore[no-untyped-def]
        if enrolment is not None:
            kwargs.setdefault(
                "initial",
                {
                    "qualification": enrolment.qualification_id,
                    "academic_year": enrolment.academic_year,
                    "start_date": enrolment.start_date,
                    "status": enrolment.status,
                },
            )
        super().__init__(*args, **kwargs)

    def details(self) -> EnrolmentDetails:
        data = self.cleaned_data
        return EnrolmentDetails(
            qualification=data["qualification"],
            academic_year=data["academic_year"],
            start_date=data["start_date"],
            status=data["status"],
        )
