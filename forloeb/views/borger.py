"""The caseworker finds a citizen, creates one, opens one, reveals the CPR number (logged)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adgang import Handling, uden_persondata, viser_oversigt, viser_persondata
from core.forms import call_service, form_status
from core.http import client_ip, login_metode
from organisation import permissions
from organisation.models import Rolle

from .. import selectors, services
from ..forms import (
    BorgerForm,
    BorgerRedigerForm,
    CprSoegForm,
    HurtigSoegForm,
    NavnSoegForm,
)
from ..models import Emne


@login_required
@viser_oversigt
def borger_soeg(request):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    navn_form = NavnSoegForm(request.GET or None)
    cpr_form = CprSoegForm(request.POST or None)
    resultater = None
    if request.method == "POST":
        if cpr_form.is_valid():
            try:
                borger = selectors.find_borger_cpr(
                    request.user, cpr_form.cleaned_data["cpr_nummer"]
                )
            except ValidationError as exc:
                cpr_form.add_error("cpr_nummer", exc)
            else:
                request.adgang.noter_visning(
                    Handling.SOEG_CPR,
                    borger=borger,
                    beskrivelse=_("Fundet") if borger else _("Ikke fundet"),
                )
                if borger:
                    # One hit: open the citizen (the address holds only the id).
                    return redirect("forloeb:borger_detalje", pk=borger.pk)
                resultater = []
                cpr_form = CprSoegForm()  # do not echo the number back into the page
    elif navn_form.is_valid() and navn_form.cleaned_data["q"]:
        resultater = selectors.soeg_borgere_navn(request.user, navn_form.cleaned_data["q"])
    return render(
        request,
        "forloeb/borger_soeg.html",
        {
            "title": _("Find borger"),
            "navn_form": navn_form if request.method == "GET" else NavnSoegForm(),
            "cpr_form": cpr_form,
            "resultater": resultater,
        },
        status=form_status(cpr_form, navn_form),
    )


@login_required
@uden_persondata
def borger_opret(request):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    form = BorgerForm(request.POST or None)
    eksisterende = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        borger = call_service(form, services.opret_borger, user=request.user, **data)
        if borger:
            messages.success(request, _("Borgeren er oprettet."))
            return redirect("forloeb:borger_detalje", pk=borger.pk)
        if form.has_error("cpr_nummer"):
            # The number is taken: a link (an id, no name) to the citizen who has it.
            try:
                eksisterende = selectors.find_borger_cpr(request.user, data["cpr_nummer"])
            except ValidationError:
                eksisterende = None
    return render(
        request,
        "forloeb/borger_opret.html",
        {"title": _("Opret borger"), "form": form, "eksisterende": eksisterende},
        status=form_status(form),
    )


@login_required
@viser_persondata
def borger_rediger(request, pk: int):
    """Correct a citizen's details; the service keeps the change in the history. Problem
    areas this user may not see are kept as they are."""
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    borger = selectors.hent_borger(request.user, pk)
    skjulte = set(borger.problemomraader) - set(
        selectors.synlige_koder(request.user, borger.problemomraader)
    )
    felter = [f for f in BorgerRedigerForm.base_fields if f != "cpr_nummer"]
    initial = {f: getattr(borger, f) for f in felter}
    form = BorgerRedigerForm(request.POST or None, initial=initial)
    synlige = selectors.synlige_koder(request.user, [k for k, _l in Emne.choices])
    form.fields["problemomraader"].choices = [
        (k, label) for k, label in Emne.choices if k in synlige
    ]
    if request.method == "GET":
        request.adgang.noter_visning(Handling.VIS_BORGER, borger=borger, beskrivelse=_("Ret"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["problemomraader"] = sorted(set(data["problemomraader"]) | skjulte)
        if call_service(form, services.opdater_borger, user=request.user, borger=borger, **data):
            messages.success(request, _("Borgerens oplysninger er rettet."))
            return redirect("forloeb:borger_detalje", pk=borger.pk)
    return render(
        request,
        "forloeb/borger_rediger.html",
        {"title": _("Ret borgerens oplysninger"), "borger": borger, "form": form},
        status=form_status(form),
    )


@login_required
@require_POST
@viser_oversigt
def hurtig_soeg(request):
    """The top bar's search: a CPR number opens the citizen (logged as a CPR search), a
    course number opens the course, anything else is a name search. Nothing typed is put
    into an address."""
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    form = HurtigSoegForm(request.POST)
    tekst = form.cleaned_data["soeg"].strip() if form.is_valid() else ""
    cifre = tekst.replace("-", "").replace(" ", "")
    if cifre.isdigit() and len(cifre) == 10:
        try:
            borger = selectors.find_borger_cpr(request.user, cifre)
        except ValidationError:
            borger = None
        request.adgang.noter_visning(
            Handling.SOEG_CPR,
            borger=borger,
            beskrivelse=_("Fundet") if borger else _("Ikke fundet"),
        )
        if borger:
            return redirect("forloeb:borger_detalje", pk=borger.pk)
        resultater = []
    elif cifre.isdigit():
        forloeb = selectors.forloeb_for(request.user).filter(pk=int(cifre)).first()
        if forloeb:
            return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)
        resultater = []
    else:
        resultater = list(selectors.soeg_borgere_navn(request.user, tekst)) if tekst else []
        if len(resultater) == 1:
            return redirect("forloeb:borger_detalje", pk=resultater[0].pk)
    return render(
        request,
        "forloeb/borger_soeg.html",
        {
            "title": _("Find borger"),
            "navn_form": NavnSoegForm(),
            "cpr_form": CprSoegForm(),
            "resultater": resultater,
        },
    )


@login_required
@viser_persondata
def borger_detalje(request, pk: int):
    borger = selectors.hent_borger(request.user, pk)
    request.adgang.noter_visning(Handling.VIS_BORGER, borger=borger)
    return render(
        request,
        "forloeb/borger_detalje.html",
        {
            "title": borger.navn,
            "borger": borger,
            "overblik": selectors.borger_overblik(request.user, borger),
            "problemomraader": selectors.problemomraader_for(request.user, borger),
            "kan_afsloere_cpr": permissions.may_reveal_cpr(request.user),
            "kan_oprette_forloeb": permissions.has_role(request.user, Rolle.SAGSBEHANDLER),
        },
    )


@login_required
@require_POST
@uden_persondata
def borger_cpr(request, pk: int):
    """Reveal the full CPR number (logged by the service)."""
    borger = selectors.hent_borger(request.user, pk)
    nummer = services.afsloer_cpr(
        user=request.user,
        borger=borger,
        ip=client_ip(request),
        login_metode=login_metode(request),
    )
    context = {"title": _("CPR-nummer"), "borger": borger, "cpr_nummer": nummer}
    if request.headers.get("HX-Request"):
        return render(request, "forloeb/_cpr.html", context)
    return render(request, "forloeb/borger_cpr.html", context)
