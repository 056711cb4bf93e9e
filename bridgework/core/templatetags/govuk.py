"""GOV.UK Design System helpers for Django templates.

``{% load govuk %}`` gives:

* ``{{ field|govuk_widget }}`` renders a bound field's widget with the GOV.UK classes for its type
  (``govuk-input``, ``govuk-textarea``, ``govuk-select``, ``govuk-file-upload``,
  ``govuk-checkboxes__input``), the ``--error`` modifier when the field has errors, and
  ``aria-describedby`` pointing at the hint (``<auto_id>_helptext``) and error
  (``<auto_id>_error``) that ``govuk/forms/field.html`` renders. Classes already on the widget
  (e.g. ``govuk-input--width-10``) are kept. Date inputs render as ``type="date"`` with an ISO value.
* ``{% for option in field|govuk_options %}`` yields the choices of a radio/checkbox-list field as
  dicts ``{"id", "label", "input"}`` with ``input`` already rendered with GOV.UK classes. The first
  option's id is the field's ``auto_id`` (the GOV.UK convention), so error-summary links to
  ``#<auto_id>`` land on it.
* ``{{ field|govuk_field_kind }}`` is ``"checkbox"``, ``"radios"``, ``"checkboxes"``, ``"fieldset"`` (other
  multi-part widgets: MultiWidget, SelectDateWidget) or ``"input"``.
* ``{{ field|govuk_error_target }}`` is the id an error-summary link for the field should point at.
* ``{% govuk_page_href query number %}`` builds ``?<query>&page=<number>`` for pagination, dropping
  any ``page`` already in ``query``.
* ``{{ page_obj|govuk_page_range }}`` is the elided page range (first, last, current ± 1, with
  ``…`` gaps) for the GOV.UK pagination component.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_TEXT_INPUT_TYPES = {
    "text",
    "email",
    "number",
    "password",
    "search",
    "tel",
    "url",
    "date",
    "datetime-local",
    "time",
}


def _merge_classes(existing: Any, *extra: str) -> str:
    classes = str(existing or "").split()
    for cls in extra:
        if cls and cls not in classes:
            classes.append(cls)
    return " ".join(classes)


def _describedby(field: BoundField, existing: Any = None) -> str:
    ids = str(existing or "").split()
    if field.auto_id:
        if field.help_text:
            ids.append(f"{field.auto_id}_helptext")
        if field.errors:
            ids.append(f"{field.auto_id}_error")
    return " ".join(dict.fromkeys(ids))  # de-duplicated, order kept


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if widget.use_fieldset:  # MultiWidget (e.g. SplitDateTimeWidget), SelectDateWidget
        return "fieldset"
    return "input"


@register.filter
def govuk_field_kind(field: BoundField) -> str:
    return _kind(field.field.widget)


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """Render ``field``'s widget with GOV.UK classes and ARIA wiring."""
    if not isinstance(field, BoundField):
        return field
    widget = field.field.widget
    attrs: dict[str, Any] = {}
    has_errors = bool(field.errors)
    existing_class = widget.attrs.get("class", "")

    if isinstance(widget, forms.HiddenInput) or widget.is_hidden:
        return field.as_widget()

    if isinstance(widget, forms.CheckboxInput):
        attrs["class"] = _merge_classes(existing_class, "govuk-checkboxes__input")
    elif isinstance(widget, forms.Textarea):
        attrs["class"] = _merge_classes(existing_class, "govuk-textarea", "govuk-textarea--error" if has_errors else "")
    elif isinstance(widget, (forms.Select, forms.SelectDateWidget)):  # also SelectMultiple, NullBooleanSelect
        attrs["class"] = _merge_classes(existing_class, "govuk-select", "govuk-select--error" if has_errors else "")
    elif isinstance(widget, forms.FileInput):  # FileInput, ClearableFileInput
        attrs["class"] = _merge_classes(
            existing_class, "govuk-file-upload", "govuk-file-upload--error" if has_errors else ""
        )
    else:  # text-like inputs and MultiWidgets (the class goes on every sub-input)
        extra = ["govuk-input", "govuk-input--error" if has_errors else ""]
        input_type = getattr(widget, "input_type", "text")
        # Native date/time pickers need ISO values (Django always accepts ISO input formats too).
        iso_format = None
        if isinstance(widget, forms.DateInput) and input_type in {"text", "date"}:
            input_type, iso_format = "date", "%Y-%m-%d"
        elif isinstance(widget, forms.DateTimeInput) and input_type == "datetime-local":
            iso_format = "%Y-%m-%dT%H:%M"
        elif isinstance(widget, forms.TimeInput) and input_type == "time":
            iso_format = "%H:%M"
        if iso_format:
            widget = copy.copy(widget)
            widget.attrs = dict(widget.attrs)
            widget.input_type = input_type
            widget.format = iso_format
        if input_type in {"date", "time", "number"} and "govuk-input--width-" not in existing_class:
            extra.append("govuk-input--width-10")
        if input_type in {"email", "password", "url", "tel"} or isinstance(widget, forms.EmailInput):
            attrs["spellcheck"] = "false"
        if isinstance(widget, forms.EmailInput) and "autocomplete" not in widget.attrs:
            attrs["autocomplete"] = "email"
        if input_type not in _TEXT_INPUT_TYPES and not isinstance(widget, forms.MultiWidget):
            extra = ["govuk-input", "govuk-input--error" if has_errors else ""]
        attrs["class"] = _merge_classes(existing_class, *extra)

    if _kind(widget) == "fieldset":
        widget = _with_part_labels(widget, str(field.label or ""))
    if not field.field.widget.use_fieldset:
        describedby = _describedby(field, widget.attrs.get("aria-describedby"))
        if describedby:
            attrs["aria-describedby"] = describedby
    return field.as_widget(widget=widget, attrs=attrs)


_PART_NAMES = {"day": "Day", "month": "Month", "year": "Year"}


def _with_part_labels(widget: forms.Widget, label: str) -> forms.Widget:
    """A copy of a multi-part widget whose parts each get an aria-label (Day/Month/Year, Date/Time, …)."""
    widget = copy.copy(widget)
    original_get_context = widget.get_context

    def get_context(name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = original_get_context(name, value, attrs)
        subwidgets = context["widget"].get("subwidgets") or []
        for index, sub in enumerate(subwidgets):
            sub_attrs = sub.setdefault("attrs", {})
            if "aria-label" in sub_attrs:
                continue
            suffix = str(sub_attrs.get("id") or sub.get("name") or "").rsplit("_", 1)[-1]
            if suffix in _PART_NAMES:
                part = _PART_NAMES[suffix]
            elif isinstance(widget, forms.SplitDateTimeWidget) and index < 2:
                part = ("Date", "Time")[index]
            else:
                part = f"{label} part {index + 1}".strip()
            sub_attrs["aria-label"] = part
        return context

    widget.get_context = get_context  # type: ignore[method-assign]
    return widget


@register.filter
def govuk_options(field: BoundField) -> list[dict[str, Any]]:
    """The options of a RadioSelect / CheckboxSelectMultiple field, rendered GOV.UK-style."""
    kind = _kind(field.field.widget)
    input_class = "govuk-checkboxes__input" if kind == "checkboxes" else "govuk-radios__input"
    options = []
    base_id = field.field.widget.attrs.get("id") or field.auto_id or ""
    for index, subwidget in enumerate(field.subwidgets):
        data = dict(subwidget.data)
        attrs = dict(data.get("attrs") or {})
        option_id = attrs.get("id") or ""
        if index == 0 and option_id and base_id:
            option_id = base_id  # GOV.UK convention: the first option carries the field's own id
        if option_id:
            attrs["id"] = option_id
        attrs["class"] = _merge_classes(attrs.get("class"), input_class)
        attrs.pop("aria-describedby", None)  # described by the fieldset instead
        data["attrs"] = attrs
        html = subwidget.parent_widget._render(
            subwidget.template_name, {"widget": {**data, "wrap_label": False}}, subwidget.renderer
        )
        options.append({"id": option_id, "label": data.get("label", ""), "input": mark_safe(html)})
    return options


@register.filter
def govuk_error_target(field: BoundField) -> str:
    """The element id an error-summary link for ``field`` should point at (its auto_id for most fields)."""
    widget = field.field.widget
    base_id = widget.attrs.get("id") or field.auto_id or ""
    kind = _kind(widget)
    if kind in {"radios", "checkboxes"} or not base_id:
        return base_id
    if kind == "fieldset":  # the first sub-input, e.g. id_when_0 or id_dob_day
        context = widget.get_context(field.html_name, field.value(), {"id": base_id})
        subwidgets = context["widget"].get("subwidgets") or []
        if subwidgets and subwidgets[0].get("attrs", {}).get("id"):
            return subwidgets[0]["attrs"]["id"]
    return field.id_for_label or base_id


@register.simple_tag
def govuk_page_href(query: Any, number: Any) -> str:
    """``?<query>&page=<number>``; ``query`` is an urlencoded query string without (or with) ``page``."""
    params = QueryDict(str(query or "").lstrip("?&"), mutable=True)
    params.pop("page", None)
    params["page"] = str(number)
    return "?" + params.urlencode()


@register.filter
def govuk_page_range(page_obj: Any) -> list[Any]:
    """Elided page numbers for ``page_obj``: 1 … 4 5 6 … 20."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
