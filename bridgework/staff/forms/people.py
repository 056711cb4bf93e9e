"""Forms for managing the people at a centre: invitations, memberships, departments."""

from __future__ import annotations

from django import forms

from bridgework.learners.models import Learner
from bridgework.people.models import STAFF_ROLES, Department, Membership, Role
from bridgework.people.services.invitations import pending_invitations


class MembershipFilterForm(forms.Form):
    role = forms.ChoiceField(choices=[("", "All roles"), *Role.choices], required=False)
    status = forms.ChoiceField(
        choices=[("", "Active and deactivated"), ("active", "Active"), ("deactivated", "Deactivated")],
        required=False,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False, empty_label="No department")
    learner = forms.ModelChoiceField(
        queryset=Learner.objects.none(),
        required=False,
        label="Learner record",
        empty_label="Choose a learner",
        help_text="Only for the learner role: the record this person will see. Learners who already have an "
        "account or a pending invitation are not listed.",
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Both querysets are evaluated inside the request's centre scope: only this centre's rows.
        self.fields["department"].queryset = Department.objects.all()
        waiting = pending_invitations().filter(learner__isnull=False).values("learner_id")
        self.fields["learner"].queryset = (
            Learner.objects.filter(user__isnull=True)
            .exclude(pk__in=waiting)
            .order_by("family_name", "given_name", "id")
        )
        self.fields["learner"].label_from_instance = _learner_label

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("role") == Role.LEARNER and not data.get("learner"):
            self.add_error("learner", "Choose the learner record this person will use.")
        if data.get("role") and data.get("role") != Role.LEARNER and data.get("learner"):
            self.add_error("learner", "Leave the learner record empty unless you invite a learner.")
        return data


def _learner_label(learner: Learner) -> str:
    reference = f", {learner.mis_ref}" if learner.mis_ref else ""
    return f"{learner.family_name}, {learner.given_name} (born {learner.date_of_birth:%-d %b %Y}{reference})"


class MembershipForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False, empty_label="No department")

    def __init__(self, *args, membership: Membership, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("initial", {"role": membership.role, "department": membership.department_id})
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.all()
        if membership.role in STAFF_ROLES:
            self.fields["role"].choices = [(r.value, r.label) for r in Role if r in STAFF_ROLES]
            self.fields["role"].help_text = "Centre administrators also manage people and API tokens."
        else:
            # A learner's or employer contact's role is tied to their record: only the department changes.
            del self.fields["role"]


class DepartmentForm(forms.Form):
    name = forms.CharField(label="Department name", max_length=120)
