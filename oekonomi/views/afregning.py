"""The monthly settlements: the month's overview, one provider's settlement for a team
(with approval), and its PDF, CSV and XLSX. Course numbers and mentor names only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adgang import Handling, viser_oversigt
from core.db import laeser_fra_replika
from core.forms import call_service
from forloeb.models import Leverandoer
from organisation import permissions

from .. import eksport, maaneder, services
from ..forms import GodkendForm, MaanedForm
from ..pdf import afregning_pdf
from ..selectors import afregning as sel
from ._faelles import (
    forrige_maaned,
    kraev_laeser,
    leverandoer_og_team,
    maaned_fra_sti,
    team_ids,
)


@login_required
@viser_oversigt
@laeser_fra_replika
def afregninger(request):
    kraev_laeser(request)
    form = MaanedForm(request.GET or {"maaned": maaneder.kode(forrige_maaned())})
    udkast, maaned = [], None
    leverandoerer = Leverandoer.objects.synlige_for(request.user).order_by("navn")
    if form.is_valid():
        maaned = form.cleaned_data["maaned"]
        udkast = sel.afregninger(
            organisation_id=request.user.organisation_id,
            team_ids=team_ids(request),
            maaned=maaned,
        )
    return render(
        request,
        "oekonomi/afregninger.html",
        {
            "title": _("Afregninger"),
            "form": form,
            "maaned": maaned,
            "maaned_tekst": maaneder.tekst(maaned) if maaned else "",
            "forrige": maaneder.kode(maaneder.foerste(maaned - timezone.timedelta(days=1)))
            if maaned
            else "",
            "naeste": maaneder.kode(maaneder.naeste(maaned)) if maaned else "",
            "udkast": udkast,
            "leverandoerer": leverandoerer,
        },
        status=200 if form.is_valid() else 400,
    )


def _udkast(request, leverandoer_pk, team_pk, aar, maaned):
    leverandoer, team = leverandoer_og_team(request, leverandoer_pk, team_pk)
    maaned = maaned_fra_sti(aar, maaned)
    udkast = sel.afregning(
        organisation_id=request.user.organisation_id,
        leverandoer_id=leverandoer.pk,
        team_id=team.pk,
        maaned=maaned,
    )
    if udkast is None:
        udkast = sel.Udkast(leverandoer=leverandoer, team=team, maaned=maaned)
    return udkast


@login_required
@viser_oversigt
@laeser_fra_replika
def afregning(request, leverandoer: int, team: int, aar: int, maaned: int):
    kraev_laeser(request)
    udkast = _udkast(request, leverandoer, team, aar, maaned)
    may_approve = permissions.may_approve_settlement(
        request.user, organisation_id=udkast.leverandoer.organisation_id, team_id=udkast.team.pk
    )
    fejl: list[str] = []
    if request.method == "POST":
        if not may_approve:
            raise PermissionDenied
        bundet = GodkendForm(request.POST)
        if bundet.is_valid():
            gemt = call_service(
                bundet,
                services.godkend_afregning,
                user=request.user,
                leverandoer=udkast.leverandoer,
                team=udkast.team,
                maaned=udkast.maaned,
                fingeraftryk=bundet.cleaned_data["fingeraftryk"],
            )
            if gemt is not None:
                messages.success(request, _("Afregningen er godkendt og låst."))
                return redirect(request.path)
        fejl = [str(e) for errors in bundet.errors.values() for e in errors]
        # The figures as they are now, with a fresh fingerprint to approve them by.
        udkast = _udkast(request, leverandoer, team, aar, maaned)
    form = GodkendForm(initial={"fingeraftryk": udkast.fingeraftryk})
    return render(
        request,
        "oekonomi/afregning.html",
        {
            "title": _("Afregning %(lev)s, %(m)s")
            % {"lev": udkast.leverandoer.navn, "m": maaneder.tekst(udkast.maaned)},
            "u": udkast,
            "maaned_tekst": maaneder.tekst(udkast.maaned),
            "maaned_kode": maaneder.kode(udkast.maaned),
            "form": form,
            "fejl": fejl,
            "may_approve": may_approve and not udkast.godkendt,
            "link_forloeb": permissions.leder_team(request.user, udkast.team.pk),
            "kan_godkendes": timezone.localdate() >= udkast.kan_godkendes_fra,
            "eksport": {
                f: reverse(
                    "oekonomi:afregning_eksport",
                    kwargs={
                        "leverandoer": leverandoer,
                        "team": team,
                        "aar": aar,
                        "maaned": maaned,
                        "format": f,
                    },
                )
                for f in ("pdf", "csv", "xlsx")
            },
        },
        status=400 if fejl else 200,
    )


@login_required
@viser_oversigt
@laeser_fra_replika
def afregning_eksport(request, leverandoer: int, team: int, aar: int, maaned: int, format: str):
    """The settlement as a PDF for the provider, or CSV/XLSX for finance; logged."""
    kraev_laeser(request)
    if format not in ("pdf", "csv", "xlsx"):
        raise Http404
    udkast = _udkast(request, leverandoer, team, aar, maaned)
    request.adgang.noter_visning(
        Handling.EKSPORT,
        beskrivelse=(
            f"afregning {udkast.leverandoer.cvr} team {udkast.team.pk} "
            f"{maaneder.kode(udkast.maaned)} ({format})"
        ),
    )
    filnavn = f"afregning-{udkast.leverandoer.cvr}-{maaneder.kode(udkast.maaned)}-team{team}"
    if format == "pdf":
        response = HttpResponse(
            afregning_pdf(udkast, organisation=str(request.user.organisation)),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="{filnavn}.pdf"'
        return response
    return eksport.svar(
        kolonner=eksport.afregning_kolonner(),
        raekker=eksport.afregning_raekker(udkast),
        filnavn=filnavn,
        format=format,
        ark=_("Afregning"),
    )
