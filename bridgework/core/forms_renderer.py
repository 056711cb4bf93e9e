"""Form renderer that draws every Django form with the GOV.UK Design System.

settings.FORM_RENDERER = "bridgework.core.forms_renderer.GovukFormRenderer"

Then ``{{ form }}`` renders non-field errors, hidden fields and every field through
``govuk/forms/field.html`` (label, hint from ``help_text``, error message, widget with GOV.UK
classes), and ``{{ form.some_field.as_field_group }}`` renders a single field the same way.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.template import TemplateDoesNotExist


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"

    def get_template(self, template_name):
        # Project templates (settings.TEMPLATES) first, so widgets can be overridden there; fall back to
        # Django's built-in form/widget templates so "django.forms" need not be in INSTALLED_APPS.
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return _builtin().get_template(template_name)


_builtin_renderer: DjangoTemplates | None = None


def _builtin() -> DjangoTemplates:
    global _builtin_renderer
    if _builtin_renderer is None:
        _builtin_renderer = DjangoTemplates()
    return _builtin_renderer
