"""Forms for both sides of moderation. They validate input only; the services decide."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from bridgework.moderation.models import ApprovalCase, ApprovalOutcome, RequestPurpose, RoundOutcome
from bridgework.moderation.services.approvals import ActionInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApprovalDraftForm(forms.ModelForm):
    class Meta:
        model = ApprovalCase
        fields = ["plan_summary", "practitioner_sources", "supporting_statement"]
        widgets = {f: forms.Textarea(attrs={"rows": 5}) for f in fields}


class UploadForm(forms.Form):
    file = forms.FileField(label="Supporting file", help_text="PDF, JPG, PNG, DOCX or XLSX.")
    description = forms.CharField(
        max_length=200,
        required=False,
        label="What is it?",
        help_text="For example: Letter from Acme Engineering confirming guest lectures.",
    )


class ActionsMixin(forms.Form):
    """Up to three improvement actions, each with a date: enough for one decision; more can follow."""

    ACTION_SLOTS = 3

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, self.ACTION_SLOTS + 1):
            self.fields[f"action_{i}"] = forms.CharField(
                label=f"Improvement action {i}", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"action_{i}_due"] = forms.DateField(label=f"Action {i} due by", required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for i in range(1, self.ACTION_SLOTS + 1):
            text, due = data.get(f"action_{i}", ""), data.get(f"action_{i}_due")
            if text and not due:
                self.add_error(f"action_{i}_due", f"Enter the date action {i} is due by.")
            if due and not text:
                self.add_error(f"action_{i}", f"Describe action {i}, or clear its date.")
            if due and due <= date.today():
                self.add_error(f"action_{i}_due", f"Action {i} must be due after today.")
        return data

    def actions(self) -> list[ActionInput]:
        return [
            ActionInput(self.cleaned_data[f"action_{i}"], self.cleaned_data[f"action_{i}_due"])
            for i in range(1, self.ACTION_SLOTS + 1)
            if self.cleaned_data.get(f"action_{i}")
        ]


class ApprovalDecisionForm(ActionsMixin):
    outcome = forms.ChoiceField(choices=ApprovalOutcome.choices, widget=forms.RadioSelect, label="Outcome")
    feedback = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="Required for b) and c)."
    )
    resubmit_by = forms.DateField(
        label="Resubmission deadline", required=False, widget=DATE, help_text="Required for b) and c)."
    )

    field_order = ["outcome", "feedback", "resubmit_by"]


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Reason")


class DeclarationForm(forms.Form):
    typed_name = forms.CharField(
        max_length=200, label="Your full name", help_text="Typing your name signs the declaration."
    )
    job_title = forms.CharField(max_length=200, label="Your job title", help_text="For example: Principal.")
    confirm = forms.BooleanField(label="I make this declaration as head of centre or their delegate")


class SampleForm(forms.Form):
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=2**62,
        label="Seed (optional)",
        help_text="Leave blank for a new random seed; enter a recorded seed to reproduce a draw.",
    )


class SubmissionDecisionForm(ActionsMixin):
    outcome = forms.ChoiceField(choices=RoundOutcome.choices, widget=forms.RadioSelect, label="Outcome")
    feedback = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="Required for not met."
    )

    field_order = ["outcome", "feedback"]


class EvidenceRequestForm(forms.Form):
    purpose = forms.ChoiceField(choices=RequestPurpose.choices, widget=forms.RadioSelect, label="Why you need it")
    subject = forms.CharField(max_length=200, label="Subject")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="What evidence you need")
    due_on = forms.DateField(label="Due by", widget=DATE)

    def clean_due_on(self) -> date:
        due = self.cleaned_data["due_on"]
        if due <= date.today():
            raise forms.ValidationError("The due date must be after today.")
        return due


class ReplyForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Message", required=False)
    file = forms.FileField(required=False, label="Attach a file (optional)", help_text="PDF, JPG, PNG, DOCX or XLSX.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("body") and not data.get("file"):
            raise forms.ValidationError("Write a message or attach a file.")
        return data

    def send(self, *, request_id: int, actor: Any, side: str) -> bool:
        """Posts the reply through the service; the refusal, if any, lands on the form. True when sent."""
        from django.core.exceptions import ValidationError

        from bridgework.moderation.services import requests as evidence_requests
        from bridgework.moderation.services.events import TransitionError

        if not self.is_valid():
            return False
        upload = self.cleaned_data.get("file")
        try:
            evidence_requests.reply(
                request_id=request_id,
                actor=actor,
                side=side,
                body=self.cleaned_data["body"],
                uploads=[upload] if upload else [],
            )
        except TransitionError as error:
            self.add_error(None, str(error))
        except ValidationError as error:
            self.add_error("file", error)
        else:
            return True
        return False


class CloseForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Closing note", required=False)


class ActionDoneForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="What was done", required=False)


class VisitForm(forms.Form):
    qualification = forms.ModelChoiceField(queryset=None, label="Qualification")  # type: ignore[arg-type]
    academic_year = forms.CharField(max_length=7, label="Academic year", help_text="For example 2025/26.")
    visited_on = forms.DateField(label="Date of visit", widget=DATE)
    plan_reviewed = forms.BooleanField(required=False, label="I reviewed the MEI centre plan")
    plan_comments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Comments on the MEI centre plan"
    )
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Other comments")

    def __init__(self, *args: Any, qualifications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["qualification"].queryset = qualifications

    def clean_academic_year(self) -> str:
        from bridgework.learners.identifiers import validate_academic_year

        value = self.cleaned_data["academic_year"]
        validate_academic_year(value)
        return value

    def clean_visited_on(self) -> date:
        visited = self.cleaned_data["visited_on"]
        if visited > date.today():
            raise forms.ValidationError("The date of the visit must be today or in the past.")
        return visited


def claim_inputs(post: Any, claim_ids: list[int]) -> dict[int, Any]:
    """Read the per-learner claim table: claim-<id> = yes|no, reason-<id>."""
    from bridgework.moderation.services.submissions import ClaimInput

    found = {}
    for pk in claim_ids:
        answer = post.get(f"claim-{pk}", "")
        if answer in ("yes", "no"):
            found[pk] = ClaimInput(answer == "yes", post.get(f"reason-{pk}", ""))
    return found


def verdict_inputs(post: Any, claim_ids: list[int]) -> dict[int, Any]:
    from bridgework.moderation.services.submissions import VerdictInput

    return {
        pk: VerdictInput(post.get(f"verdict-{pk}", ""), post.get(f"note-{pk}", ""))
        for pk in claim_ids
        if post.get(f"verdict-{pk}")
    }
