"""The written agreement: one version on screen, in print and as a PDF, and its hand-out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adgang import Handling, viser_persondata
from core.forms import call_service
from organisation import permissions

from .. import pdf, selectors, services
from ..forms import UdleveringForm


def _aftale_for(request, pk: int):
    aftale = selectors.hent_aftale(request.user, pk)
    if not permissions.may_see_case_content(request.user, aftale.bevilling.forloeb):
        raise PermissionDenied
    return aftale


@login_required
@viser_persondata
def aftale(request, pk: int):
    aftale = _aftale_for(request, pk)
    forloeb = aftale.bevilling.forloeb
    form = UdleveringForm(
        initial={
            "udleveret": aftale.udleveret or timezone.localdate(),
            "udleveringsmaade": aftale.udleveringsmaade,
        }
    )
    return _aftale_side(request, aftale, forloeb, form)


def _aftale_side(request, aftale, forloeb, form, status=200):
    request.adgang.noter_visning(
        Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse=_("Mentoraftale")
    )
    return render(
        request,
        "forloeb/aftale.html",
        {
            **pdf.aftale_kontekst(aftale),
            "form": form,
            "kan_handle": permissions.is_case_worker_for(request.user, forloeb),
        },
        status=status,
    )


@login_required
@require_POST
@viser_persondata
def aftale_udlever(request, pk: int):
    aftale = _aftale_for(request, pk)
    forloeb = aftale.bevilling.forloeb
    form = UdleveringForm(request.POST)
    if form.is_valid():
        resultat = call_service(
            form,
            services.udlever_aftale,
            user=request.user,
            aftale=aftale,
            dato=form.cleaned_data["udleveret"],
            maade=form.cleaned_data["udleveringsmaade"],
        )
        if resultat:
            messages.success(request, _("Udleveringen er registreret."))
            return redirect("forloeb:aftale", pk=aftale.pk)
    return _aftale_side(request, aftale, forloeb, form)


@login_required
@viser_persondata
def aftale_pdf(request, pk: int):
    aftale = _aftale_for(request, pk)
    forloeb = aftale.bevilling.forloeb
    request.adgang.noter_visning(
        Handling.EKSPORT, forloeb=forloeb, beskrivelse=_("Mentoraftale som PDF")
    )
    response = HttpResponse(pdf.mentoraftale_pdf(aftale), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mentoraftale-{aftale.pk}.pdf"'
    return response
