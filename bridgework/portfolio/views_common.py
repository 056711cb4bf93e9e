"""Small helpers shared by the portfolio pages of every audience."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def apply_errors(form: forms.BaseForm, exc: ValidationError, field: str | None = None) -> None:
    """Show a service's ValidationError on the form: on its fields when it names them (and the form has
    them), otherwise on `field` or as a form-wide error."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else field
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(field, message)
