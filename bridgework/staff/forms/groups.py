"""Forms for teaching groups and their members."""

from __future__ import annotations

from django import forms

from bridgework.catalogue.models import Qualification
from bridgework.learners.identifiers import validate_academic_year
from bridgework.learners.models import Enrolment, TeachingGroup
from bridgework.learners.services.groups import GroupDetails
from bridgework.people.models import STAFF_ROLES, User
from bridgework.staff.forms.learner_records import QualificationChoiceField


class TutorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.email})"


class GroupForm(forms.Form):
    name = forms.CharField(max_length=100, label="Group name", help_text="For example, ENG-L3-A.")
    qualification = QualificationChoiceField(
        queryset=Qualification.objects.select_related("awarding_organisation").order_by("title"),
        empty_label="Choose a qualification",
    )
    academic_year = forms.CharField(
        validators=[validate_academic_year],
        label="Academic year",
        help_text="For example, 2025/26.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    tutor = TutorChoiceField(queryset=User.objects.none(), required=False, empty_label="No tutor yet")

    def __init__(self, *args, centre_id: int, group: TeachingGroup | None = None, **kwargs):  # type: ignore[no-untyped-def]
        if group is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": group.name,
                    "qualification": group.qualification_id,
                    "academic_year": group.academic_year,
                    "tutor": group.tutor_id,
                },
            )
        super().__init__(*args, **kwargs)
        # Offered: the centre's active staff. The service checks it again (the list may be stale on submit).
        self.fields["tutor"].queryset = (
            User.objects.filter(
                is_active=True,
                memberships__centre_id=centre_id,
                memberships__role__in=list(STAFF_ROLES),
                memberships__is_active=True,
            )
            .distinct()
            .order_by("first_name", "last_name", "email")
        )

    def details(self) -> GroupDetails:
        data = self.cleaned_data
        return GroupDetails(
            name=data["name"],
            qualification=data["qualification"],
            academic_year=data["academic_year"],
            tutor=data["tutor"],
        )


class AddMembersForm(forms.Form):
    enrolments = forms.ModelMultipleChoiceField(
        queryset=Enrolment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Learners to add",
        error_messages={"required": "Choose at least one learner to add."},
    )

    def __init__(self, *args, group: TeachingGroup, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        field = self.fields["enrolments"]
        # Accept any of the centre's enrolments, so the service (not the form) explains what a group may hold;
        # offer only the eligible ones.
        field.queryset = Enrolment.objects.select_related("learner", "qualification")
        self.eligible = list(
            Enrolment.objects.filter(qualification_id=group.qualification_id, academic_year=group.academic_year)
            .exclude(teaching_groups=group)
            .select_related("learner")
            .order_by("learner__family_name", "learner__given_name", "pk")
        )
        field.widget.choices = [(e.pk, _enrolment_label(e)) for e in self.eligible]


def _enrolment_label(enrolment: Enrolment) -> str:
    learner = enrolment.learner
    reference = f" ({learner.mis_ref})" if learner.mis_ref else ""
    status = "" if enrolment.status == "active" else f" – {enrolment.get_status_display().lower()}"
    return f"{learner.family_name}, {learner.given_name}{reference}{status}"
