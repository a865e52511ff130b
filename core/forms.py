"""The screens' door into the services: run a service, put its refusal on the form.

A service raises `ValidationError({field: Danish message})`; here each message lands on the
form field it names (renamed where the form calls it something else), or at the top of the
form. The API's door is core.api.call_service. And the renderer that draws every form
field in DKFDS markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


def add_service_errors(
    form: forms.Form, error: ValidationError, rename: dict[str, str | None] | None = None
) -> None:
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = rename.get(field, field)
            target = target if target in form.fields else None
            for message in ValidationError(errors).messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def call_service(form: forms.Form, service: Callable, *, rename=None, **kwargs):
    """Run a service; on refusal put its messages on the form and return None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        add_service_errors(form, exc, rename)
        return None


def form_status(*forms_: forms.Form) -> int:
    """400 when a submitted form is shown again with its errors, else 200: the screens'
    one answer to bad input."""
    return 400 if any(f.is_bound and f.errors for f in forms_ if f is not None) else 200


class DatoFelt(forms.DateField):
    """A date in 1900–2100: a filter such as 0001-01-01 minus six days would overflow."""

    FOERSTE, SIDSTE = date(1900, 1, 1), date(2100, 12, 31)

    def validate(self, value):
        super().validate(value)
        if value and not self.FOERSTE <= value <= self.SIDSTE:
            raise ValidationError(_("Datoen skal ligge mellem år 1900 og 2100."), code="uden_for")


class DkfdsFormRenderer(TemplatesSetting):
    """Django's form fields in DKFDS markup (form-group, form-label, form-hint,
    form-error-message, form-input …), from templates/forms/ and the widget templates
    overridden in templates/django/forms/widgets/. Django's own widget templates are the
    fallback (`django.forms` is an installed app)."""

    field_template_name = "forms/felt.html"
