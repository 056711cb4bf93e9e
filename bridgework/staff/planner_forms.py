"""Forms for plans, activities, sessions, registers, contingencies and evidence (staff area)."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from bridgework.activities.models import (
    Activity,
    ActivitySession,
    CentrePlan,
    ContingencyKind,
    EvidenceKind,
    FeedKind,
    PlannedActivity,
)
from bridgework.activities.types import ActivityType, is_eligible
from bridgework.catalogue.models import Qualification, Unit
from bridgework.employers.models import Employer, EmployerPerson
from bridgework.learners.identifiers import validate_academic_year
from bridgework.learners.models import Learner, TeachingGroup


def _type_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    counts = [(v, label) for v, label in ActivityType.choices if is_eligible(v)]
    never = [(v, f"{label} (does not count)") for v, label in ActivityType.choices if not is_eligible(v)]
    return [("Counts as employer involvement", counts), ("Recorded, but never counts", never)]


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.qualification.title} – {obj.number}: {obj.title}"


class PlanForm(forms.ModelForm):
    class Meta:
        model = CentrePlan
        fields = ["qualification", "academic_year", "practitioner_sources", "contingency_plan"]

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["qualification"].queryset = Qualification.objects.filter(requires_mei=True).select_related(
            "awarding_organisation"
        )
        self.fields["academic_year"].validators.append(validate_academic_year)
        self.fields["academic_year"].help_text = "For example 2025/26."
        if self.instance.pk:
            del self.fields["qualification"], self.fields["academic_year"]
            self.fields["reason"] = forms.CharField(
                label="Why it changed (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )


class PlannedActivityForm(forms.ModelForm):
    # Scoped models' choice fields are declared here with their queryset set per request (inside the scope).
    activity = forms.ModelChoiceField(
        None, required=False, help_text="The activity that delivers this row, once it is arranged."
    )
    reason = forms.CharField(
        label="Why it changed (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = PlannedActivity
        fields = ["unit", "what", "when", "date_completed", "comments", "activity"]
        widgets = {"date_completed": forms.DateInput(attrs={"type": "date"}), "what": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan: CentrePlan, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(qualification=plan.qualification)
        self.fields["unit"].label_from_instance = lambda u: f"{u.number}: {u.title}"
        self.fields["activity"].queryset = Activity.objects.filter(
            qualifications=plan.qualification, academic_year=plan.academic_year
        ).order_by("title")
        self.fields["activity"].required = False
        if not self.instance.pk:
            del self.fields["reason"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Why is it withdrawn?", widget=forms.Textarea(attrs={"rows": 3}))


class ActivityForm(forms.ModelForm):
    units = UnitChoiceField(
        Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Units of mandatory content it covers",
    )
    employer = forms.ModelChoiceField(None, required=False)
    practitioners = forms.ModelMultipleChoiceField(None, required=False, widget=forms.CheckboxSelectMultiple)
    teaching_groups = forms.ModelMultipleChoiceField(
        None, required=False, widget=forms.CheckboxSelectMultiple, label="Teaching groups taking part"
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "type",
            "description",
            "qualifications",
            "units",
            "academic_year",
            "employer",
            "practitioners",
            "delivery",
            "teaching_groups",
            "health_safety_confirmed",
            "safeguarding_confirmed",
        ]
        labels = {
            "health_safety_confirmed": "Health and safety arrangements are in place",
            "safeguarding_confirmed": "Safeguarding arrangements are in place",
            "teaching_groups": "Teaching groups taking part",
            "description": "Details (subject, what learners will do)",
        }
        widgets = {
            "qualifications": forms.CheckboxSelectMultiple,
            "practitioners": forms.CheckboxSelectMultiple,
            "teaching_groups": forms.CheckboxSelectMultiple,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "Choose a type"), *_type_choices()]
        self.fields["academic_year"].validators.append(validate_academic_year)
        self.fields["academic_year"].help_text = "For example 2025/26."
        self.fields["qualifications"].queryset = Qualification.objects.filter(requires_mei=True).order_by("title")
        units = Unit.objects.filter(qualification__requires_mei=True).select_related("qualification")
        if not self.is_bound:
            # Show only the chosen qualifications' units; a submitted form checks against every unit so that a
            # unit of another qualification gets its specific message from the service.
            chosen = self.initial.get("qualifications") or (
                list(self.instance.qualifications.values_list("pk", flat=True)) if self.instance.pk else []
            )
            if chosen:
                units = units.filter(qualification__in=chosen)
        self.fields["units"].queryset = units.order_by("qualification__title", "id")
        self.fields["employer"].queryset = Employer.objects.filter(merged_into=None)
        self.fields["practitioners"].queryset = EmployerPerson.objects.filter(is_practitioner=True)
        self.fields["teaching_groups"].queryset = TeachingGroup.objects.order_by("-academic_year", "name")
        self.fields["practitioners"].required = False
        self.fields["teaching_groups"].required = False


class SessionForm(forms.ModelForm):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), label="Start time")
    end = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), label="End time")

    class Meta:
        model = ActivitySession
        fields = ["place"]

    field_order = ["date", "start", "end", "place"]

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            starts, ends = timezone.localtime(self.instance.starts_at), timezone.localtime(self.instance.ends_at)
            self.initial.update(date=starts.date(), start=starts.time(), end=ends.time())

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("date") and data.get("start") and data.get("end"):
            tz = timezone.get_current_timezone()
            data["starts_at"] = datetime.combine(data["date"], data["start"], tz)
            data["ends_at"] = datetime.combine(data["date"], data["end"], tz)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", "The end time must be after the start time.")
        return data


class ParticipantsForm(forms.Form):
    groups = forms.ModelMultipleChoiceField(
        None, required=False, widget=forms.CheckboxSelectMultiple, label="Add teaching groups"
    )
    learners = forms.ModelMultipleChoiceField(
        None, required=False, widget=forms.CheckboxSelectMultiple, label="Add individual learners"
    )

    def __init__(self, *args, activity: Activity, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        quals = activity.qualifications.all()
        self.fields["groups"].queryset = TeachingGroup.objects.filter(
            qualification__in=quals, academic_year=activity.academic_year
        )
        self.fields["learners"].queryset = (
            Learner.objects.filter(
                enrolments__qualification__in=quals, enrolments__academic_year=activity.academic_year
            )
            .exclude(participations__activity=activity)
            .distinct()
        )
        self.fields["learners"].label_from_instance = lambda learner: learner.full_name


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        choices=[
            ("confirmed", "confirmed"),
            ("delivered", "delivered"),
            ("evidenced", "evidenced"),
            ("cancelled", "cancelled"),
        ],
        widget=forms.HiddenInput,
    )
    override_reason = forms.CharField(
        label="Reason for confirming despite the employer's checks",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Centre administrators only. The reason is kept in the activity's history.",
    )


class ContingencyForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ContingencyKind.choices, widget=forms.RadioSelect, label="What did the learner do instead?"
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Details")
    completed_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Date completed"
    )
    replacement_activity = forms.ModelChoiceField(None, required=False, label="The other activity")

    def __init__(self, *args, activity: Activity, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["replacement_activity"].queryset = (
            Activity.objects.filter(academic_year=activity.academic_year).exclude(pk=activity.pk).order_by("title")
        )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(choices=EvidenceKind.choices, label="What is this evidence?")
    file = forms.FileField(label="File", help_text="PDF, image, Word, Excel, PowerPoint, audio or video.")
    description = forms.CharField(required=False, max_length=200, label="Description (optional)")
    session = forms.ModelChoiceField(None, required=False, label="Session (optional)")
    learner = forms.ModelChoiceField(None, required=False, label="About one learner (optional)")

    def __init__(self, *args, activity: Activity, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = activity.sessions.all()
        self.fields["learner"].queryset = Learner.objects.filter(participations__activity=activity)
        self.fields["learner"].label_from_instance = lambda learner: learner.full_name


class CustomStatusForm(forms.Form):
    label = forms.CharField(max_length=60, label="Name", help_text="For example Attended remotely.")
    code = forms.SlugField(max_length=20, label="Short code", help_text="Lower-case letters, digits and dashes.")
    counts_as_attended = forms.BooleanField(required=False, label="Counts as attended")


class FeedForm(forms.Form):
    kind = forms.ChoiceField(choices=FeedKind.choices, widget=forms.RadioSelect, label="What should the feed show?")
    employer = forms.ModelChoiceField(None, required=False, label="Employer (for an employer feed)")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.filter(merged_into=None)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("kind") == FeedKind.EMPLOYER and not data.get("employer"):
            self.add_error("employer", "Choose the employer.")
        return data
