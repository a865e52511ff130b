from django.forms.renderers import TemplatesSetting


class DkfdsFormRenderer(TemplatesSetting):
    """Django's form fields in DKFDS markup (form-group, form-label, form-hint,
    form-error-message, form-input …), from templates/forms/ and the widget templates
    overridden in templates/django/forms/widgets/. Django's own widget templates are the
    fallback (`django.forms` is an installed app)."""

    field_template_name = "forms/felt.html"
