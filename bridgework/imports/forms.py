from __future__ import annotations

from django import forms
from django.conf import settings

from bridgework.imports.columns import ImportColumn
from bridgework.imports.models import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you importing?", choices=ImportKind.choices, widget=forms.RadioSelect, initial="learners"
    )
    file = forms.FileField(
        label="File",
        help_text=f"A CSV (UTF-8) or Excel .xlsx file, or the ILR XML file exported from your MIS. "
        f"Up to {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.xml"}),
    )


class MappingForm(forms.Form):
    """One select per field of the import, listing the file's column headings."""

    def __init__(self, *args: object, columns: list[ImportColumn], headers: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", "Not in this file"), *((h, h) for h in headers)]
        for column in columns:
            self.fields[column.identifier] = forms.ChoiceField(
                label=column.verbose_name,
                choices=choices,
                required=column.required,
                help_text=column.help_text,
                error_messages={"required": f"Choose the column that holds the {column.verbose_name.lower()}."},
            )
