"""Audit screens: a course's change history, a citizen's access log, the citizen's export.

Each view is thin: scope the object through organisation.permissions (a miss is a 404),
log the look at personal data, and render.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.http import client_ip
from organisation import permissions

from .. import services
from ..historik import forloeb_historik
from ..indsigt import indsigt_data, indsigt_pdf
from ..models import Adgangslog, Borger, Forloeb, Handling

HISTORIK_PR_SIDE = 50
ADGANGSLOG_PR_SIDE = 100


def _ip(request) -> str | None:
    return client_ip(request)


@require_GET
@login_required
def historik(request, pk: int):
    """The course's change history as a timeline: who, when, field before → after."""
    user = request.user
    forloeb = get_object_or_404(
        Forloeb.objects.filter(permissions.forloeb_q(user)).select_related("borger", "team"),
        pk=pk,
    )
    if not (
        permissions.may_see_case_content(user, forloeb)
        and permissions.may_see_history(user, forloeb)
    ):
        raise Http404
    services.log_adgang(
        user=user,
        handling=Handling.VIS_FORLOEB,
        forloeb=forloeb,
        ip=_ip(request),
        beskrivelse="historik",
    )
    side = Paginator(forloeb_historik(forloeb), HISTORIK_PR_SIDE).get_page(request.GET.get("side"))
    return render(
        request,
        "revision/historik.html",
        {
            "title": _("Historik for forløb %(nr)s") % {"nr": forloeb.pk},
            "forloeb": forloeb,
            "side": side,
        },
    )


def _synlig_borger(user, pk: int) -> Borger:
    borger = get_object_or_404(Borger.objects.filter(organisation_id=user.organisation_id), pk=pk)
    return borger


@require_GET
@login_required
def adgangslog(request, pk: int):
    """Who looked at this citizen's data, and when. Read-only; no case content."""
    user = request.user
    if not user.organisation_id:
        raise Http404
    borger = _synlig_borger(user, pk)
    if not permissions.may_see_access_log(user, borger):
        raise Http404
    services.log_adgang(
        user=user,
        handling=Handling.VIS_BORGER,
        borger=borger,
        ip=_ip(request),
        beskrivelse="adgangslog",
    )
    rows = (
        Adgangslog.objects.filter(borger=borger)
        .select_related("bruger")
        .order_by("-tidspunkt", "-pk")
    )
    handling = request.GET.get("handling", "")
    if handling in Handling.values:
        rows = rows.filter(handling=handling)
    side = Paginator(rows, ADGANGSLOG_PR_SIDE).get_page(request.GET.get("side"))
    return render(
        request,
        "revision/adgangslog.html",
        {
            "title": _("Adgangslog"),
            "borger": borger,
            "side": side,
            "handlinger": Handling.choices,
            "valgt_handling": handling,
        },
    )


def _indsigt_borger(request, pk: int) -> Borger:
    user = request.user
    borger = get_object_or_404(Borger.objects.filter(permissions.borger_q(user)), pk=pk)
    if not permissions.may_export_citizen(user, borger):
        raise Http404
    return borger


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def indsigt(request, pk: int):
    """Everything about one citizen as JSON, for a request for access."""
    borger = _indsigt_borger(request, pk)
    services.log_adgang(
        user=request.user,
        handling=Handling.INDSIGT,
        borger=borger,
        ip=_ip(request),
        beskrivelse="json",
    )
    body = json.dumps(indsigt_data(borger), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _download(response, f"indsigt-borger-{borger.pk}.json")


@require_GET
@login_required
def indsigt_pdf_view(request, pk: int):
    """The same export as a PDF."""
    borger = _indsigt_borger(request, pk)
    services.log_adgang(
        user=request.user,
        handling=Handling.INDSIGT,
        borger=borger,
        ip=_ip(request),
        beskrivelse="pdf",
    )
    response = HttpResponse(indsigt_pdf(borger), content_type="application/pdf")
    return _download(response, f"indsigt-borger-{borger.pk}.pdf")
