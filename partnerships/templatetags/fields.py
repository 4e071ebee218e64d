"""`quick_field`: crispy's Bootstrap 5 markup for a text input or a select, built in Python.

The filter forms of list pages render on every visit. crispy renders each field through a tree
of templates (about 0.9 ms a field on the partnership list, a fifth of the page); this builds
the same elements (label, control with its classes, errors, help text) directly. Any other
widget, or a select with groups, goes to crispy unchanged.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

INPUT_CLASSES = {"text": "textinput", "email": "emailinput", "number": "numberinput"}


@register.filter
def quick_field(field):
    widget = field.field.widget
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        choices = list(field.field.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return as_crispy_field(field)
        control = _select(field, choices)
    elif isinstance(widget, forms.widgets.Input) and widget.input_type in INPUT_CLASSES:
        control = _input(field)
    else:
        return as_crispy_field(field)
    label = format_html(
        '<label for="{}" class="form-label">{}{}</label>',
        field.id_for_label,
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if field.field.required else "",
    )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        field.auto_id,
        label,
        control,
        _errors(field),
        _help(field),
    )


def _attrs(field, css: str) -> dict:
    widget = field.field.widget
    attrs = widget.build_attrs(widget.attrs, field.build_widget_attrs({}))
    classes = [css, attrs.pop("class", "")]
    if field.errors:
        classes.append("is-invalid")
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}_error"
    elif field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}_helptext"
    attrs["class"] = " ".join(c for c in classes if c)
    attrs["id"] = field.auto_id
    return attrs


def _input(field):
    widget = field.field.widget
    attrs = _attrs(field, f"{INPUT_CLASSES[widget.input_type]} form-control")
    value = widget.format_value(field.value())
    if value is not None:
        attrs["value"] = value
    return format_html(
        '<input type="{}" name="{}"{}>', widget.input_type, field.html_name, flatatt(attrs)
    )


def _select(field, choices):
    value = field.value()
    selected = "" if value is None else str(value)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (option, mark_safe(" selected") if str(option) == selected else "", label)
            for option, label in choices
        ),
    )
    return format_html(
        '<select name="{}"{}>{}</select>',
        field.html_name,
        flatatt(_attrs(field, "select form-select")),
        options,
    )


def _errors(field):
    if not field.errors:
        return ""
    return format_html(
        '<div id="{}_error" class="invalid-feedback">{}</div>',
        field.auto_id,
        format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((n, field.auto_id, error) for n, error in enumerate(field.errors, start=1)),
        ),
    )


def _help(field):
    if not field.help_text:
        return ""
    return format_html(
        '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text
    )
