"""Forms for the portfolio pages (learner area, employer portal, centre staff). They only collect and
check input; the services in `portfolio.services` apply the rules."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from bridgework.activities.models import Activity
from bridgework.catalogue.models import Qualification, Unit
from bridgework.employers.models import EmployerPerson
from bridgework.learners.models import Enrolment, Learner, TeachingGroup
from bridgework.portfolio.models import AssignmentDeadline, ExpertWitnessStatement, JournalEntry

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choice(label: str, required: bool = False) -> forms.ModelChoiceField:
    """A choice of centre-owned rows: the queryset is set per request (inside the centre's scope)."""
    return forms.ModelChoiceField(queryset=None, label=label, required=required)  # type: ignore[arg-type]


class EntryForm(forms.ModelForm):
    activity = _choice("Activity or placement")

    class Meta:
        model = JournalEntry
        fields = [
            "title",
            "happened_on",
            "what_happened",
            "reflection",
            "next_steps",
            "activity",
            "unit",
            "shared_with_centre",
        ]
        widgets = {"happened_on": DATE}
        help_texts = {
            "what_happened": "Record what you did and what happened.",
            "reflection": "What went well, what was hard, what you learned.",
            "next_steps": "Review: what you will do next, or differently.",
        }

    def __init__(self, *args: Any, learner: Learner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.filter(participants__learner=learner).order_by("title")
        quals = learner.enrolments.values("qualification_id")
        self.fields["unit"].queryset = Unit.objects.filter(qualification_id__in=quals).select_related("qualification")


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Add a file", help_text="A PDF, photo, audio or video file.")


class WeeklyUpdateForm(forms.Form):
    week_start = forms.DateField(label="Week beginning (a Monday)", widget=DATE)
    note = forms.CharField(
        label="Your note for the week", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class ShareForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Who can see it",
        widget=forms.RadioSelect,
    )
    expires_on = forms.DateField(
        label="Until", required=False, widget=DATE, help_text="Leave empty to share until you stop it."
    )

    def __init__(self, *args: Any, people: list[EmployerPerson], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = EmployerPerson.objects.filter(pk__in=[p.pk for p in people])
        field.label_from_instance = lambda p: f"{p.full_name}{f', {p.job_title}' if p.job_title else ''}"

    def expires_at(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        # Shared until the end of the chosen day, in the centre's time zone.
        return timezone.make_aware(datetime.combine(day, time.max)) if day else None


class ImportForm(forms.Form):
    file = forms.FileField(label="Portfolio ZIP", help_text="A ZIP you downloaded from Bridgework.")


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label="Your feedback",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The learner and their college see this. It is not a message: the learner cannot reply here.",
    )


class WitnessStatementForm(forms.ModelForm):
    activity = _choice("Activity")

    class Meta:
        model = ExpertWitnessStatement
        fields = [
            "unit",
            "activity",
            "observed_on",
            "role_in_assessment",
            "what_observed",
            "credentials",
            "why_suitable",
            "signed_name",
        ]
        widgets = {"observed_on": DATE}
        help_texts = {
            "role_in_assessment": "For example: observed the practical task as an expert witness.",
            "what_observed": "What the learner did, as you saw it.",
            "signed_name": "Typing your name signs this statement.",
        }

    def __init__(self, *args: Any, units: Any, activities: Any, person: EmployerPerson, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["activity"].queryset = activities
        if not self.is_bound:
            self.initial.setdefault("credentials", person.credentials)
            self.initial.setdefault("why_suitable", person.why_suitable)


class CiteForm(forms.Form):
    activity = _choice("Activity it is evidence for", required=True)
    note = forms.CharField(label="Note", required=False, max_length=300)

    def __init__(self, *args: Any, learner: Learner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.filter(participants__learner=learner).order_by("title")


class DeadlineForm(forms.ModelForm):
    teaching_group = _choice("Teaching group")

    class Meta:
        model = AssignmentDeadline
        fields = ["title", "due_on", "qualification", "teaching_group", "details", "is_published"]
        widgets = {"due_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teaching_group"].queryset = TeachingGroup.objects.order_by("-academic_year", "name")
        # The centre's own qualifications: those its learners are enrolled on (the scope limits the enrolments).
        self.fields["qualification"].queryset = Qualification.objects.filter(
            pk__in=Enrolment.objects.values("qualification_id")
        ).order_by("title")
        self.fields["qualification"].help_text = "Or choose a teaching group below."
