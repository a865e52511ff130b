"""A new course in three steps: content (a draft), mentor, first period (then the agreement)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adgang import Handling, viser_persondata
from core.forms import call_service, form_status
from organisation import permissions
from organisation.models import Rolle

from .. import selectors, selectors_mentor, services
from ..forms import (
    MentorValgForm,
    NytForloebForm,
    PeriodeForm,
)
from ..models import MentorType, Specialisering, Status
from ._faelles import forkert_tilstand, sagsbehandlers_forloeb


@login_required
@viser_persondata
def forloeb_opret(request, borger_pk: int):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    borger = selectors.hent_borger(request.user, borger_pk)
    request.adgang.noter_visning(Handling.VIS_BORGER, borger=borger, beskrivelse=_("Nyt forløb"))
    form = NytForloebForm(request.POST or None, user=request.user)
    # "Gem som kladde" saves what there is; the primary button asks for purpose, goal
    # and tasks now rather than two steps later.
    kun_kladde = request.POST.get("handling") == "kladde"
    if request.method == "POST" and form.is_valid():
        forloeb = call_service(
            form,
            services.opret_forloeb,
            user=request.user,
            borger=borger,
            team=form.cleaned_data["team"],
            kun_kladde=kun_kladde,
            **form.service_data(),
        )
        if forloeb and kun_kladde:
            messages.success(request, _("Kladden er gemt. Du finder den på din arbejdsliste."))
            return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)
        if forloeb:
            messages.success(request, _("Forløbet er oprettet som kladde. Vælg en mentor."))
            return redirect("forloeb:forloeb_mentor", pk=forloeb.pk)
    return render(
        request,
        "forloeb/forloeb_opret.html",
        {"title": _("Nyt forløb"), "borger": borger, "form": form, "trin": 1},
        status=form_status(form),
    )


def _mentor_rows(mentorer, forslag=()) -> list[dict]:
    labels = dict(Specialisering.choices)
    types = dict(MentorType.choices)
    foreslaaet = {f.mentor.pk for f in forslag}
    rows = []
    for m in mentorer:
        rows.append(
            {
                "mentor": m,
                "foreslaaet": m.pk in foreslaaet,
                "type": types.get(m.type, m.type),
                "specialiseringer": [labels.get(s, s) for s in m.specialiseringer],
                "belastning": m.belastning,
                "fuld": m.belastning >= m.kapacitet,
                "kraever_begrundelse": (not m.aktiv) or m.belastning >= m.kapacitet,
            }
        )
    return rows


@login_required
@viser_persondata
def forloeb_mentor(request, pk: int):
    """Choose the course's mentor (first assignment) or change it (with a reason)."""
    forloeb = sagsbehandlers_forloeb(request, pk)
    if tilbage := forkert_tilstand(request, forloeb, (Status.KLADDE, Status.AKTIV)):
        return tilbage
    skifte = forloeb.mentor_id is not None
    mentorer = selectors.mentorer_til_valg(request.user)
    form = MentorValgForm(
        request.POST or None,
        mentorer=mentorer,
        skifte=skifte,
        bevilget=forloeb.status == Status.AKTIV,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tilknytning = call_service(
            form,
            services.tildel_mentor,
            user=request.user,
            forloeb=forloeb,
            mentor=data["mentor"],
            fra=data.get("fra"),
            begrundelse=data.get("begrundelse", ""),
            tilsidesaet_begrundelse=data.get("tilsidesaet_begrundelse", ""),
            kvalifikationer=data.get("kvalifikationer", ""),
            ud_over_normalt=data.get("ud_over_normalt", ""),
        )
        if tilknytning:
            if forloeb.status == Status.KLADDE and not forloeb.bevillinger.exists():
                messages.success(request, _("Mentoren er tilknyttet. Bevilg første periode."))
                return redirect("forloeb:forloeb_periode", pk=forloeb.pk)
            messages.success(request, _("Mentoren er skiftet."))
            return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)
    valgt = form["mentor"].value()
    forslag = selectors_mentor.mentorforslag(request.user, forloeb)
    return render(
        request,
        "forloeb/forloeb_mentor.html",
        {
            "title": _("Skift mentor") if skifte else _("Vælg mentor"),
            "forloeb": forloeb,
            "form": form,
            "rows": _mentor_rows(mentorer, forslag),
            "forslag": forslag,
            "problemomraader": selectors.problemomraader_for(request.user, forloeb.borger),
            "oensker": selectors_mentor.oensker_til_mentor(forloeb.borger),
            "oensker_tekst": forloeb.borger.oensker_til_mentor,
            "valgt": str(valgt) if valgt else "",
            "skifte": skifte,
            "trin": 2,
        },
        status=form_status(form),
    )


@login_required
@viser_persondata
def forloeb_periode(request, pk: int):
    """Grant a period: the first one in the new-course flow, or a new one after assessment."""
    forloeb = sagsbehandlers_forloeb(request, pk)
    if tilbage := forkert_tilstand(request, forloeb, (Status.KLADDE, Status.AKTIV)):
        return tilbage
    sidste = forloeb.bevillinger.order_by("-slut").first()
    foerste = sidste is None
    if foerste:
        start = timezone.localdate()
        initial = {"start": start}
    else:
        start = sidste.slut + timezone.timedelta(days=1)
        initial = {
            "start": start,
            "timer_pr_uge": selectors.timer_gaeldende_paa(forloeb, sidste.slut),
            "kvalifikationer": sidste.kvalifikationer,
        }
    initial["slut"] = services.seneste_slutdato(start)
    form = PeriodeForm(request.POST or None, initial=initial, foerste=foerste)
    if request.method == "POST" and form.is_valid():
        bevilling = call_service(
            form,
            services.bevilg_periode,
            user=request.user,
            forloeb=forloeb,
            **form.cleaned_data,
        )
        if bevilling:
            messages.success(
                request,
                _("Perioden er bevilget. Gennemgå mentoraftalen og registrér udleveringen."),
            )
            return redirect("forloeb:aftale", pk=bevilling.aftale.pk)
    return render(
        request,
        "forloeb/forloeb_periode.html",
        {
            "title": _("Bevilg første periode") if foerste else _("Bevilg ny periode"),
            "forloeb": forloeb,
            "form": form,
            "foerste": foerste,
            "sidste": sidste,
            "trin": 3,
        },
        status=form_status(form),
    )
