"""The budget: actual, pending and committed cost and the year's forecast, by month, team,
provider and mentor type; the courses behind each figure; CSV/XLSX of both."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.adgang import Handling, viser_oversigt
from core.db import laeser_fra_replika
from forloeb.models import MentorType
from organisation import permissions

from .. import eksport, maaneder
from ..forms import BudgetForm
from ..selectors import budget as sel
from ._faelles import kraev_laeser, team_ids, teams

DIMENSIONSTITLER = {
    "team": gettext_lazy("Team"),
    "leverandoer": gettext_lazy("Leverandør"),
    "mentortype": gettext_lazy("Mentortype"),
}


def _budget(request):
    kraev_laeser(request)
    mine = teams(request)
    data = request.GET.copy()
    data.setdefault("aar", str(timezone.localdate().year))
    form = BudgetForm(data, teams=mine)
    if not form.is_valid():
        return form, None
    valgt = form.cleaned_data["team"]
    b = sel.budget(
        organisation_id=request.user.organisation_id,
        team_ids=[valgt.pk] if valgt else team_ids(request),
        aar=form.cleaned_data["aar"],
        i_dag=timezone.localdate(),
    )
    return form, b


@login_required
@viser_oversigt
@laeser_fra_replika
def budget(request):
    form, b = _budget(request)
    return render(
        request,
        "oekonomi/budget.html",
        {
            "title": _("Budget"),
            "form": form,
            "b": b,
            "grupper": [(d, str(DIMENSIONSTITLER[d]), b.grupper[d]) for d in sel.DIMENSIONER]
            if b
            else [],
            "maaneder": [(m, maaneder.tekst(m), tal) for m, tal in b.maaneder] if b else [],
            "query": request.GET.urlencode(),
        },
        status=200 if b else 400,
    )


def _filtre(request) -> dict:
    # The team is the form's own filter (it narrows the whole budget).
    f = {
        "leverandoer": request.GET.get("leverandoer", ""),
        "mentortype": request.GET.get("mentortype", ""),
        "maaned": request.GET.get("maaned", ""),
    }
    if f["leverandoer"] and not (f["leverandoer"].isdigit() or f["leverandoer"] == sel.INTERN):
        raise Http404
    if f["mentortype"] and f["mentortype"] not in MentorType.values:
        raise Http404
    if f["maaned"] and not (f["maaned"].isdigit() and 1 <= int(f["maaned"]) <= 12):
        raise Http404
    f["maaned"] = int(f["maaned"] or 0)
    return f


@login_required
@viser_oversigt
@laeser_fra_replika
def budget_forloeb(request):
    """The courses behind a budget figure, each with its share of it."""
    form, b = _budget(request)
    filtre = _filtre(request)
    kurser = sel.kurser_bag(b, **filtre) if b else []
    for k in kurser:
        k.link = permissions.leder_team(request.user, k.team_id)
    return render(
        request,
        "oekonomi/budget_forloeb.html",
        {
            "title": _("Forløb bag budgettet"),
            "form": form,
            "b": b,
            "kurser": kurser,
            "filtre": filtre,
            "query": request.GET.urlencode(),
        },
        status=200 if b else 400,
    )


def budget_kolonner():
    return [
        _("Forløb"),
        _("Team-id"),
        _("Faktisk (godkendt)"),
        _("Afventer godkendelse"),
        _("Forpligtet resten af året"),
        _("Prognose for året"),
        _("Godkendte timer"),
        _("Bevilgede timer for de godkendte uger"),
        _("Timer ud over bevilget"),
        _("Timer uden pris"),
    ]


@login_required
@viser_oversigt
@laeser_fra_replika
def budget_eksport(request, format: str):
    if format not in ("csv", "xlsx"):
        raise Http404
    form, b = _budget(request)
    if b is None:
        raise Http404
    kurser = sel.kurser_bag(b, **_filtre(request))
    request.adgang.noter_visning(
        Handling.EKSPORT, beskrivelse=f"budget {b.aar}: {len(kurser)} forløb ({format})"
    )
    rows = [
        [k.forloeb_id, k.team_id, k.tal.faktisk, k.tal.afventer, k.tal.forpligtet,
         k.tal.prognose, k.tal.timer_leveret, k.tal.timer_bevilget, k.tal.timer_over,
         k.tal.timer_uden_pris]
        for k in kurser
    ]  # fmt: skip
    return eksport.svar(
        kolonner=budget_kolonner(),
        raekker=rows,
        filnavn=f"budget-{b.aar}",
        format=format,
        ark=_("Budget"),
    )
