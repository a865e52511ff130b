"""Small input forms; the rules themselves live in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forloeb.models import Emne

from .choices import IngenKontaktAarsag, Kontaktform

MAKS_TIMER = 24  # one contact, one day


class UgeForm(forms.Form):
    """Which course and week a POST is about, and the version it was opened at."""

    forloeb = forms.IntegerField(widget=forms.HiddenInput)
    aar = forms.IntegerField(widget=forms.HiddenInput)
    uge = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class KontaktForm(forms.Form):
    dato = forms.DateField(
        label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    # Duration as a Dane says it: hours and minutes. The form adds them up; the service
    # (the same one the API calls) gets minutes and keeps its own rules.
    timer = forms.IntegerField(
        label=_("Timer"),
        required=False,
        min_value=0,
        max_value=MAKS_TIMER,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "max": "24"}),
        error_messages={
            "min_value": _("Timer kan ikke være negative."),
            "max_value": _("En kontakt kan højst vare 24 timer."),
            "invalid": _("Skriv timer som et helt tal, fx 1."),
        },
    )
    minutter = forms.IntegerField(
        label=_("Minutter"),
        required=False,
        min_value=0,
        max_value=59,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "max": "59"}),
        error_messages={
            "min_value": _("Minutter skal være mellem 0 og 59."),
            "max_value": _("Minutter skal være mellem 0 og 59 – skriv hele timer i Timer."),
            "invalid": _("Skriv minutter som et helt tal, fx 45."),
        },
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

    def clean(self):
        data = super().clean()
        if "timer" in self.errors or "minutter" in self.errors:
            return data
        i_alt = (data.get("timer") or 0) * 60 + (data.get("minutter") or 0)
        if i_alt <= 0:
            self.add_error("timer", _("Angiv, hvor længe kontakten varede (timer og minutter)."))
        elif i_alt > MAKS_TIMER * 60:
            self.add_error("timer", _("En kontakt kan højst vare 24 timer."))
        data["varighed"] = i_alt
        return data


class IngenKontaktForm(forms.Form):
    aarsag = forms.ChoiceField(
        label=_("Årsag"), choices=[("", _("Vælg årsag"))] + list(IngenKontaktAarsag.choices)
    )
    note = forms.CharField(label=_("Bemærkning (valgfri)"), max_length=300, required=False)


class GenaabnForm(forms.Form):
    begrundelse = forms.CharField(label=_("Begrundelse for genåbning"), max_length=500)


class EksportForm(forms.Form):
    fra = forms.DateField(
        label=_("Fra"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    til = forms.DateField(
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
