"""The caseworker finds a citizen, creates one, opens one, reveals the CPR number (logged)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adgang import Handling, uden_persondata, viser_oversigt, viser_persondata
from core.forms import call_service
from core.http import client_ip, login_metode
from organisation import permissions
from organisation.models import Rolle

from .. import selectors, services
from ..forms import (
    BorgerForm,
    CprSoegForm,
    NavnSoegForm,
)


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
                resultater = [borger] if borger else []
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
    )


@login_required
@uden_persondata
def borger_opret(request):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    form = BorgerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        borger = call_service(form, services.opret_borger, user=request.user, **data)
        if borger:
            messages.success(request, _("Borgeren er oprettet."))
            return redirect("forloeb:borger_detalje", pk=borger.pk)
    return render(request, "forloeb/borger_opret.html", {"title": _("Opret borger"), "form": form})


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
