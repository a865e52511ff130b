"""Forms of the economy screens. They only shape input; the rules live in oekonomi.services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DatoFelt
from forloeb.models import MentorType

from . import maaneder

DATO = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MaanedForm(forms.Form):
    maaned = forms.CharField(
        label=_("Måned (ÅÅÅÅ-MM)"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "inputmode": "numeric"}),
    )

    def clean_maaned(self):
        try:
            return maaneder.fra_kode(self.cleaned_data["maaned"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["maaned"]) from None


class GodkendForm(forms.Form):
    fingeraftryk = forms.CharField(widget=forms.HiddenInput, max_length=64)


class LeverandoerForm(forms.Form):
    navn = forms.CharField(label=_("Navn"), max_length=200)
    cvr = forms.CharField(label=_("CVR-nummer"), max_length=12)
    adresse = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    kontaktperson = forms.CharField(label=_("Kontaktperson"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail til afregninger"), required=False)
    aktiv = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)


class KontraktForm(forms.Form):
    start = DatoFelt(label=_("Prisen gælder fra"), widget=DATO)
    timepris = forms.DecimalField(
        label=_("Timepris (kr.)"),
        max_digits=8,
        decimal_places=2,
        min_value=0.01,
        max_value=10000,
        localize=True,
    )
    slut = DatoFelt(
        label=_("Til og med (valgfri)"),
        required=False,
        widget=DATO,
        help_text=_("Tom: gælder til en ny pris eller kontraktens ophør registreres."),
    )
    reference = forms.CharField(
        label=_("Kontraktnummer eller udbud"), max_length=100, required=False
    )


class AfslutKontraktForm(forms.Form):
    slut = DatoFelt(label=_("Kontrakten ophører (sidste dag)"), widget=DATO)


class TimesatsForm(forms.Form):
    mentortype = forms.ChoiceField(label=_("Mentortype"), choices=MentorType.choices)
    start = DatoFelt(label=_("Satsen gælder fra"), widget=DATO)
    timepris = forms.DecimalField(
        label=_("Intern timepris (kr.)"),
        max_digits=8,
        decimal_places=2,
        min_value=0.01,
        max_value=10000,
        localize=True,
    )


def _aar_valg():
    i_aar = timezone.localdate().year
    return [(a, str(a)) for a in range(i_aar + 1, i_aar - 6, -1)]


class BudgetForm(forms.Form):
    aar = forms.TypedChoiceField(label=_("År"), coerce=int, choices=_aar_valg)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("Alle mine teams")
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class ResultatForm(forms.Form):
    maaned = forms.TypedChoiceField(
        label=_("Resultat efter"),
        coerce=int,
        choices=[(3, _("3 måneder")), (6, _("6 måneder")), (12, _("12 måneder"))],
        initial=6,
    )
    aar = forms.TypedChoiceField(
        label=_("År"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=lambda: [("", _("Alle år"))] + _aar_valg(),
        help_text=_("Resultater: forløb afsluttet i året. Vurderinger: givet i året (tom: i år)."),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("Alle mine teams")
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
