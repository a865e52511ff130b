"""Forms for the caseworker's screens. They parse input; the rules live in forloeb.services.

A service refusal (ValidationError) is put back on the form with
`core.forms.add_service_errors`, so every message lands on the field it is about, or at the
top of the form.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from organisation.models import Team, User

from .models import (
    Afslutningsaarsag,
    Deltager,
    Forloeb,
    Formaal,
    Leveret,
    Lovgrundlag,
    Mentor,
    Moedetype,
    Resultat,
    Resultattype,
    Status,
    Stoettetype,
    Udleveringsmaade,
    Visitation,
    Ydelsesgruppe,
)
from .models.choices import Emne, OensketAlder, OensketKoen


class Formular(forms.Form):
    """Labels without Django's trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# Input sanity, not a rule: keeps date arithmetic (e.g. + 6 months) inside Python's range.
FOERSTE_DATO, SIDSTE_DATO = date(1990, 1, 1), date(2099, 12, 31)


def _date(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput,
        help_text=help_text,
        validators=[
            MinValueValidator(FOERSTE_DATO, message=_("Datoen skal ligge efter 1990.")),
            MaxValueValidator(SIDSTE_DATO, message=_("Datoen skal ligge før 2100.")),
        ],
    )


def _timefelt(label=None):
    # Not bounded here: the service owns the 0 < hours <= 37 rule and its message.
    return forms.DecimalField(
        label=label or _("Timer pr. uge"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Over 0 og højst 37, fx 2 eller 2,5."),
    )


def _text(label, *, required=False, help_text="", rows=3):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


SKALA_VALG = [("", _("Vælg"))] + [(str(i), str(i)) for i in range(1, 6)]


# --- Citizens ------------------------------------------------------------------------------


class NavnSoegForm(Formular):
    q = forms.CharField(label=_("Navn"), required=False, max_length=200)


class CprSoegForm(Formular):
    cpr_nummer = forms.CharField(
        label=_("CPR-nummer"),
        max_length=11,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("10 cifre, fx 010190-1234. Søgningen logges."),
    )


class BorgerForm(Formular):
    cpr_nummer = forms.CharField(
        label=_("CPR-nummer"),
        max_length=11,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    navn = forms.CharField(label=_("Navn"), max_length=200)
    adresse = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    telefon = forms.CharField(label=_("Telefon"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    ydelsesgruppe = forms.ChoiceField(label=_("Ydelsesgruppe"), choices=Ydelsesgruppe.choices)
    visitation = forms.ChoiceField(
        label=_("Visitationskategori"),
        choices=Visitation.choices,
        initial=Visitation.IKKE_KATEGORISERET,
    )
    ret_og_pligt = forms.BooleanField(label=_("Ret og pligt"), required=False)
    problemomraader = forms.MultipleChoiceField(
        label=_("Problemområder"),
        choices=Emne.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    oensket_koen = forms.ChoiceField(
        label=_("Ønsket køn på mentor"), choices=OensketKoen.choices, required=False
    )
    oensket_alder = forms.ChoiceField(
        label=_("Ønsket alder på mentor"), choices=OensketAlder.choices, required=False
    )
    oensker_til_mentor = _text(_("Andre ønsker til mentor"))


class BorgerRedigerForm(BorgerForm):
    """The citizen's details without the CPR number (which is never changed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["cpr_nummer"]


class HurtigSoegForm(Formular):
    """The top bar's one box: a name, a course number or a CPR number (sent by POST, so it
    never reaches an address or a log)."""

    soeg = forms.CharField(label=_("Søg borger eller forløb"), max_length=200)


# --- Courses -------------------------------------------------------------------------------

FORLOEB_FELTER = (
    "formaal",
    "maal",
    "opgaver",
    "stoettetype",
    "lovgrundlag",
    "udskrivningsdato",
    "optagelsesdato",
    "ud_over_normalt",
)


class ForloebIndholdForm(Formular):
    """Purpose, goal, tasks and legal basis of a course."""

    formaal = forms.ChoiceField(
        label=_("Formål (LAB § 167)"),
        choices=[("", _("Vælg formål"))] + Formaal.choices,
        required=False,
    )
    maal = _text(_("Konkret mål"), help_text=_("Hvad skal borgeren opnå, i egne ord."))
    opgaver = _text(_("Mentorens opgaver"))
    stoettetype = forms.ChoiceField(label=_("Støttetype"), choices=Stoettetype.choices)
    lovgrundlag = forms.ChoiceField(label=_("Lovgrundlag"), choices=Lovgrundlag.choices)
    udskrivningsdato = _date(
        _("Udskrivningsdato"),
        required=False,
        help_text=_("Kun ved udskrivning fra psykiatrisk indlæggelse (LAB § 167, stk. 2)."),
    )
    optagelsesdato = _date(
        _("Optaget på uddannelsen den"),
        required=False,
        help_text=_("Kun ved start på uddannelse (LAB § 167, stk. 3)."),
    )
    ud_over_normalt = _text(
        _("Vurdering af, at indsatsen går ud over det sædvanlige"),
        help_text=_("Kræves når en virksomhed eller uddannelsesinstitution er mentor (LAB § 169)."),
    )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in FORLOEB_FELTER}


class NytForloebForm(ForloebIndholdForm):
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), empty_label=_("Vælg team")
    )

    field_order = ["team"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        teams = user.teams.filter(organisation_id=user.organisation_id).order_by("navn")
        self.fields["team"].queryset = teams
        if len(teams) == 1:
            self.fields["team"].initial = teams[0]


class RedigerForloebForm(ForloebIndholdForm):
    """Edit with optimistic locking: the version the user started from travels along."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_forloeb(cls, forloeb: Forloeb) -> RedigerForloebForm:
        initial = {name: getattr(forloeb, name) for name in FORLOEB_FELTER}
        initial["version"] = forloeb.version
        return cls(initial=initial)


class MentorValgForm(Formular):
    mentor = forms.ModelChoiceField(
        label=_("Mentor"), queryset=Mentor.objects.none(), widget=forms.RadioSelect
    )
    fra = _date(
        _("Mentor fra"),
        required=False,
        help_text=_("Mentorens første dag; tom: i dag. Ikke før første periode."),
    )
    begrundelse = _text(_("Begrundelse for mentorskiftet"))
    kvalifikationer = _text(
        _("Vurdering af den nye mentors kvalifikationer"),
        help_text=_("Hvorfor er netop denne mentor kvalificeret til opgaven?"),
    )
    ud_over_normalt = _text(
        _("Vurdering af, at indsatsen går ud over det sædvanlige"),
        help_text=_("Kun når en virksomhed eller uddannelsesinstitution overtager (LAB § 169)."),
    )
    tilsidesaet_begrundelse = _text(
        _("Begrundelse for at tilknytte alligevel"),
        help_text=_("Kun når mentoren er inaktiv eller ikke har ledig kapacitet."),
    )

    def __init__(self, *args, mentorer, skifte: bool, bevilget: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentorer
        if not skifte:
            del self.fields["begrundelse"]
        if not bevilget:
            del self.fields["kvalifikationer"]
            del self.fields["ud_over_normalt"]


class PeriodeForm(Formular):
    start = _date(_("Start"))
    slut = _date(_("Slut"), help_text=_("Højst 6 måneder: slut senest dagen før 6-månedersdagen."))
    timer_pr_uge = _timefelt()
    kvalifikationer = _text(
        _("Vurdering af mentorens kvalifikationer"),
        help_text=_("Hvorfor er netop denne mentor kvalificeret til opgaven?"),
    )
    vurdering = _text(
        _("Konkret vurdering af ny periode"),
        help_text=_("Kræves for hver periode efter den første (LAB § 167, stk. 1)."),
        rows=5,
    )

    def __init__(self, *args, foerste: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if foerste:
            del self.fields["vurdering"]


class TimeaendringForm(Formular):
    bevilling = forms.ModelChoiceField(label=_("Periode"), queryset=None, empty_label=None)
    gaelder_fra = _date(_("Gælder fra"))
    timer_pr_uge = _timefelt(_("Nye timer pr. uge"))
    begrundelse = _text(_("Begrundelse for ændringen"))

    def __init__(self, *args, forloeb: Forloeb, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bevilling"].queryset = forloeb.bevillinger.order_by("-start")


class MoedeForm(Formular):
    type = forms.ChoiceField(label=_("Mødetype"), choices=Moedetype.choices)
    dato = _date(_("Dato"))
    deltagere = forms.MultipleChoiceField(
        label=_("Deltagere"),
        choices=Deltager.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    referat = _text(_("Referat"), rows=5)
    beslutninger = _text(_("Beslutninger"))


class OpfoelgningForm(Formular):
    dato = _date(_("Dato"))
    leveret = forms.ChoiceField(
        label=_("Er indsatsen leveret?"), choices=Leveret.choices, widget=forms.RadioSelect
    )
    kontakt_som_bevilget = forms.TypedChoiceField(
        label=_("Har kontakten svaret til de bevilgede timer?"),
        choices=[("ja", _("Ja")), ("nej", _("Nej"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    note = _text(_("Note"), help_text=_("Skal udfyldes, hvis indsatsen ikke er fuldt leveret."))
    naeste_dato = _date(_("Næste opfølgning"), required=False)


SLUTAARSAGER = [(k, v) for k, v in Afslutningsaarsag.choices if k != Afslutningsaarsag.ANNULLERET]


class AfslutForm(Formular):
    dato = _date(_("Slutdato"))
    aarsag = forms.ChoiceField(
        label=_("Årsag"), choices=[("", _("Vælg årsag"))] + SLUTAARSAGER, required=False
    )
    borger_vurdering = forms.TypedChoiceField(
        label=_("Borgerens vurdering af, hvor tæt målet er (1–5)"),
        choices=SKALA_VALG,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = langt fra, 5 = nået"),
    )
    mentor_vurdering = forms.TypedChoiceField(
        label=_("Mentorens vurdering af, hvor tæt målet er (1–5)"),
        choices=SKALA_VALG,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = langt fra, 5 = nået"),
    )
    exitplan = _text(_("Exitplan"), rows=4)


class FuldfoerAfslutningForm(Formular):
    """Only the end's missing fields are shown (the view removes the recorded ones)."""

    aarsag = forms.ChoiceField(
        label=_("Årsag"), choices=[("", _("Vælg årsag"))] + SLUTAARSAGER, required=False
    )
    borger_vurdering = forms.TypedChoiceField(
        label=_("Borgerens vurdering af, hvor tæt målet er (1–5)"),
        choices=SKALA_VALG,
        coerce=int,
        empty_value=None,
        required=False,
    )
    mentor_vurdering = forms.TypedChoiceField(
        label=_("Mentorens vurdering af, hvor tæt målet er (1–5)"),
        choices=SKALA_VALG,
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, afslutning, **kwargs):
        super().__init__(*args, **kwargs)
        if afslutning is None:
            # An ended course with no end recorded at all: its date is asked for too.
            self.fields = {
                "dato": forms.DateField(
                    label=_("Slutdato"),
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                ),
                **self.fields,
            }
            return
        for name in list(self.fields):
            if getattr(afslutning, name) not in ("", None):
                del self.fields[name]


class AnnullerKladdeForm(Formular):
    begrundelse = _text(_("Hvorfor annulleres kladden?"), required=True)


class ResultatForm(Formular):
    maaned = forms.TypedChoiceField(
        label=_("Måneder efter afslutning"), choices=Resultat.Maaned.choices, coerce=int
    )
    resultat = forms.ChoiceField(label=_("Resultat"), choices=Resultattype.choices)


class UdleveringForm(Formular):
    udleveret = _date(_("Udleveret den"))
    udleveringsmaade = forms.ChoiceField(
        label=_("Hvordan"),
        choices=[("", _("Vælg hvordan"))] + Udleveringsmaade.choices,
        required=False,
    )


class ForloebFilterForm(Formular):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle"))] + Status.choices, required=False
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("Alle")
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor"), queryset=Mentor.objects.none(), required=False, empty_label=_("Alle")
    )
    q = forms.CharField(label=_("Borger eller forløbsnummer"), required=False, max_length=200)
    sortering = forms.ChoiceField(
        label=_("Sortér efter"),
        required=False,
        choices=[
            ("", _("Nyeste først")),
            ("aeldste", _("Ældste først")),
            ("borger", _("Borgerens navn")),
            ("periode", _("Periode slutter")),
            ("nr", _("Forløbsnummer")),
        ],
    )

    def __init__(self, *args, teams, mentorer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["mentor"].queryset = mentorer
