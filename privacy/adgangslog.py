"""A citizen's access log as sentences a citizen can read ("Sara Sagsbehandler så
forløbet"), with filters by date, person and action, for the screen, print and CSV."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Adgangslog, Handling
from organisation.models import User

# Where in the system the look happened (the row's `beskrivelse`), in words.
STED = {
    "historik": gettext_lazy("forløbets historik"),
    "levering": gettext_lazy("leveringen af timer"),
    "stikprøve": gettext_lazy("en stikprøve"),
    "advarsler": gettext_lazy("forløbets advarsler"),
    "adgangslog": gettext_lazy("adgangsloggen"),
    "admin": gettext_lazy("administrationen"),
    "json": gettext_lazy("som datafil"),
    "pdf": gettext_lazy("som PDF"),
    "Venteliste": gettext_lazy("ventelisten"),
    "Venteliste, tilknyt mentor": gettext_lazy("ventelisten (tilknyt mentor)"),
    "Mentoraftale": gettext_lazy("mentoraftalen"),
    "Mentoraftale som PDF": gettext_lazy("mentoraftalen som PDF"),
}

# API resources (path segments) in words.
API_DEL = {
    "borgere": gettext_lazy("borgeren"),
    "forloeb": gettext_lazy("forløbet"),
    "bevillinger": gettext_lazy("bevillingerne"),
    "aftaler": gettext_lazy("mentoraftalerne"),
    "moeder": gettext_lazy("møderne"),
    "opfoelgninger": gettext_lazy("opfølgningerne"),
    "ugeregistreringer": gettext_lazy("tidsregistreringerne"),
    "advarsler": gettext_lazy("advarslerne"),
    "mentorer": gettext_lazy("mentorerne"),
    "soeg": gettext_lazy("en søgning"),
}


def _api_sted(beskrivelse: str) -> str:
    """ "API /api/v1/forloeb/24/bevillinger/" or "API forloeb (detalje)" → "forløbet,
    bevillingerne"."""
    dele = [d for d in re.split(r"[/\s()]+", beskrivelse.removeprefix("API")) if d]
    ord_ = [str(API_DEL[d]) for d in dele if d in API_DEL]
    return ", ".join(dict.fromkeys(ord_))


def saetning(row: Adgangslog) -> str:
    """One log row as a sentence."""
    hvem = row.bruger.get_full_name() or row.bruger.username
    nr = {"hvem": hvem, "nr": row.forloeb_id}
    if row.handling == Handling.VIS_FORLOEB:
        tekst = (
            _("%(hvem)s så forløbet (nr. %(nr)s)") % nr
            if row.forloeb_id
            else _("%(hvem)s så forløbet") % nr
        )
    elif row.handling == Handling.VIS_BORGER:
        tekst = _("%(hvem)s så borgerens oplysninger") % nr
    elif row.handling == Handling.VIS_CPR:
        tekst = _("%(hvem)s så det fulde CPR-nummer") % nr
    elif row.handling == Handling.SOEG_CPR:
        tekst = _("%(hvem)s søgte på borgerens CPR-nummer") % nr
    elif row.handling == Handling.EKSPORT:
        tekst = _("%(hvem)s eksporterede data om borgeren") % nr
    elif row.handling == Handling.INDSIGT:
        tekst = _("%(hvem)s lavede et indsigtsudtræk til borgeren") % nr
    elif row.handling == Handling.API_LAES:
        sted = _api_sted(row.beskrivelse or "")
        if sted:
            return (
                _("%(hvem)s læste %(sted)s gennem et andet system (API)") % {**nr, "sted": sted}
                + "."
            )
        return _("%(hvem)s læste borgerens data gennem et andet system (API)") % nr + "."
    else:
        tekst = _("%(hvem)s: %(handling)s") % {**nr, "handling": row.get_handling_display()}
    sted = STED.get(row.beskrivelse or "")
    if sted:
        tekst += " " + _("i %(sted)s") % {"sted": sted}
    elif row.beskrivelse and row.handling == Handling.SOEG_CPR:
        tekst += f" ({row.beskrivelse.lower()})"
    return tekst + "."


class AdgangslogFilter(forms.Form):
    fra = forms.DateField(
        label=gettext_lazy("Fra"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    til = forms.DateField(
        label=gettext_lazy("Til"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    bruger = forms.ModelChoiceField(
        label=gettext_lazy("Person"), queryset=User.objects.none(), required=False
    )
    handling = forms.ChoiceField(label=gettext_lazy("Handling"), required=False)

    def __init__(self, *args, personer: QuerySet[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bruger"].queryset = personer
        self.fields["bruger"].empty_label = _("Alle personer")
        self.fields["bruger"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["handling"].choices = [("", _("Alle handlinger")), *Handling.choices]

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("Til-datoen ligger før fra-datoen."))
        return data


@dataclass
class Linje:
    row: Adgangslog
    tekst: str


def personer(borger) -> QuerySet[User]:
    """The people who appear in this citizen's log (for the person filter)."""
    return User.objects.filter(
        pk__in=Adgangslog.objects.filter(borger=borger).values("bruger_id")
    ).order_by("first_name", "last_name", "username")


def filtrer(rows: QuerySet[Adgangslog], data: dict) -> QuerySet[Adgangslog]:
    tz = timezone.get_current_timezone()
    if data.get("fra"):
        rows = rows.filter(tidspunkt__gte=datetime.combine(data["fra"], time.min, tzinfo=tz))
    if data.get("til"):
        rows = rows.filter(tidspunkt__lte=datetime.combine(data["til"], time.max, tzinfo=tz))
    if data.get("bruger"):
        rows = rows.filter(bruger=data["bruger"])
    if data.get("handling"):
        rows = rows.filter(handling=data["handling"])
    return rows


def linjer(rows) -> list[Linje]:
    return [Linje(r, saetning(r)) for r in rows]


def csv_kolonner() -> list[str]:
    return [_("Tidspunkt"), _("Hvad skete der"), _("Person"), _("Brugernavn"), _("Handling"),
            _("Forløb"), _("IP-adresse")]  # fmt: skip


def csv_raekker(rows) -> list[list]:
    return [
        [
            r.tidspunkt,
            saetning(r),
            r.bruger.get_full_name(),
            r.bruger.username,
            r.get_handling_display(),
            r.forloeb_id,
            r.ip,
        ]  # fmt: skip
        for r in rows
    ]
