"""Forms for the mentor's and the coordinator's screens. They only shape input; the rules
live in forloeb.services."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Rolle, User

from .models import Koen, Leverandoer, Mentor, MentorType, Specialisering, Vurderer

SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class ArbejdspunktForm(forms.Form):
    titel = forms.CharField(
        label=_("Nyt arbejdspunkt"),
        max_length=300,
        help_text=_("Et konkret, målbart delmål, fx »Møder til tiden i praktikken 4 af 5 dage«."),
    )


class VurderingForm(forms.Form):
    vurderet_af = forms.ChoiceField(
        label=_("Hvis vurdering"),
        choices=Vurderer.choices,
        initial=Vurderer.MENTOR,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Vælg, om det er mentorens eller borgerens vurdering.")
        },
    )
    score = forms.TypedChoiceField(
        label=_("Vurdering (1 = langt fra, 5 = nået)"),
        # No score is pre-selected: the mentor picks one.
        choices=[("", _("Vælg vurdering"))] + SCORE_CHOICES,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Vurderingen skal være fra 1 til 5.")},
    )
    kommentar = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusrapportForm(forms.Form):
    tekst = forms.CharField(
        label=_("Statusrapport"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hvordan går det med målet og arbejdspunkterne? Hvad er næste skridt?"),
    )


class MentorForm(forms.Form):
    navn = forms.CharField(label=_("Navn"), max_length=200)
    type = forms.ChoiceField(
        label=_("Mentortype"),
        choices=MentorType.choices,
        error_messages={"invalid_choice": _("Vælg en mentortype.")},
    )
    arbejdsgiver = forms.CharField(
        label=_("Arbejdsgiver/leverandør"), max_length=200, required=False
    )
    leverandoer = forms.ModelChoiceField(
        label=_("Leverandør (køb af timer)"),
        queryset=Leverandoer.objects.none(),
        required=False,
        empty_label=_("Ingen – kommunens egen eller frivillig mentor"),
        error_messages={"invalid_choice": _("Vælg en af organisationens leverandører.")},
        help_text=_(
            "Den leverandør eller virksomhed, kommunen køber mentorens timer hos. "
            "Afregningen og budgettet bruger leverandørens kontraktpris."
        ),
    )
    telefon = forms.CharField(label=_("Telefon"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    uddannelse = forms.CharField(label=_("Uddannelse"), max_length=200, required=False)
    mentoruddannelse_timer = forms.IntegerField(
        label=_("Timer mentoruddannelse"), min_value=0, initial=0
    )
    specialiseringer = forms.MultipleChoiceField(
        label=_("Specialiseringer"),
        choices=Specialisering.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Ukendt specialisering.")},
    )
    kapacitet = forms.IntegerField(
        label=_("Kapacitet (aktive forløb)"),
        initial=15,
        help_text=_("Antal aktive forløb mentoren kan have; en fuldtidsmentor typisk 10–20."),
    )
    koen = forms.ChoiceField(
        label=_("Køn"),
        choices=[("", _("Ikke oplyst"))] + list(Koen.choices),
        required=False,
        help_text=_("Bruges til at foreslå mentorer efter borgerens ønsker."),
    )
    foedselsaar = forms.IntegerField(
        label=_("Fødselsår"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("Bruges til at foreslå mentorer efter borgerens ønsker om alder."),
        error_messages={
            "min_value": _("Skriv et fødselsår som 1980."),
            "max_value": _("Skriv et fødselsår som 1980."),
        },
    )
    aktiv = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)
    bruger = forms.ModelChoiceField(
        label=_("Login"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Intet login"),
        error_messages={"invalid_choice": _("Vælg en bruger med rollen mentor.")},
        help_text=_("Brugeren med rollen mentor, som mentoren logger ind med (valgfrit)."),
    )

    def __init__(self, *args, organisation_id: int, mentor: Mentor | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        taken = Mentor.objects.filter(bruger__isnull=False)
        if mentor is not None:
            taken = taken.exclude(pk=mentor.pk)
        self.fields["bruger"].queryset = (
            User.objects.filter(organisation_id=organisation_id, is_active=True)
            .med_rolle(Rolle.MENTOR)
            .exclude(pk__in=taken.values("bruger_id"))
            .order_by("first_name", "last_name", "username")
        )
        leverandoerer = Leverandoer.objects.filter(organisation_id=organisation_id)
        nuvaerende = mentor.leverandoer_id if mentor is not None else None
        self.fields["leverandoer"].queryset = leverandoerer.filter(
            models.Q(aktiv=True) | models.Q(pk=nuvaerende)
        ).order_by("navn")

    @classmethod
    def initial_from(cls, mentor: Mentor) -> dict:
        names = [f for f in cls.base_fields if f not in ("bruger", "leverandoer")]
        initial = {name: getattr(mentor, name) for name in names}
        initial["bruger"] = mentor.bruger_id
        initial["leverandoer"] = mentor.leverandoer_id
        return initial
