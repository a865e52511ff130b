"""Small input forms; the rules themselves live in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DatoFelt
from forloeb.models import Emne

from .choices import IngenKontaktAarsag, Kontaktform


class UgeForm(forms.Form):
    """Which course and week a POST is about, and the version it was opened at."""

    forloeb = forms.IntegerField(widget=forms.HiddenInput)
    aar = forms.IntegerField(widget=forms.HiddenInput)
    uge = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class KontaktForm(forms.Form):
    dato = DatoFelt(
        label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutter = forms.IntegerField(
        label=_("Minutter"),
        min_value=1,
        max_value=37 * 60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "1"}),
        error_messages={"min_value": _("Minutter skal være mere end 0.")},
    )
    form = forms.ChoiceField(
        label=_("Kontaktform"), choices=Kontaktform.choices, initial=Kontaktform.FYSISK
    )
    emner = forms.MultipleChoiceField(
        label=_("Emner"),
        choices=Emne.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class IngenKontaktForm(forms.Form):
    aarsag = forms.ChoiceField(
        label=_("Årsag"), choices=[("", _("Vælg årsag"))] + list(IngenKontaktAarsag.choices)
    )
    note = forms.CharField(label=_("Bemærkning (valgfri)"), max_length=300, required=False)


class GenaabnForm(forms.Form):
    begrundelse = forms.CharField(label=_("Begrundelse for genåbning"), max_length=500)


class EksportForm(forms.Form):
    fra = DatoFelt(
        label=_("Fra"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    til = DatoFelt(
        label=_("Til"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None, required=False)

    def __init__(self, *args, teams, mentorer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = _("Alle teams")
        self.fields["mentor"].queryset = mentorer
        self.fields["mentor"].empty_label = _("Alle mentorer")

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("Til-datoen ligger før fra-datoen."))
        return data
