from __future__ import annotations

from django import forms

from bridgework.catalogue.models import AwardingOrganisation, Qualification, Unit
from bridgework.people.models import Centre


class CentreForm(forms.ModelForm):
    awarding_organisation = forms.ModelChoiceField(
        AwardingOrganisation.objects.all(), required=False, label="Awarding organisation (optional)"
    )
    ao_number = forms.CharField(
        required=False,
        max_length=20,
        label="Centre number at that awarding organisation",
        help_text="Leave blank to use the centre number.",
    )
    admin_email = forms.EmailField(
        label="First centre administrator's email",
        help_text="They are sent an invitation to set up the centre.",
    )

    class Meta:
        model = Centre
        fields = ["number", "name", "ukprn"]


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = [
            "awarding_organisation",
            "qan",
            "ao_code",
            "title",
            "level",
            "size_name",
            "glh",
            "sector",
            "dfe_category",
            "requires_mei",
            "source_note",
        ]


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["number", "title", "mandatory"]

    def __init__(self, *args, qualification: Qualification, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.instance.qualification = qualification

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        clash = Unit.objects.filter(qualification=self.instance.qualification, number__iexact=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"This qualification already has a unit {number}.")
        return number
