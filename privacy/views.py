"""Audit screens: a course's change history, a citizen's access log, the citizen's export.

Each view is thin: scope the object through the domain's `synlige_for` (a miss is a 404),
decide through organisation.permissions, note the look at personal data, and render.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import eksport
from core.adgang import Handling, viser_persondata
from core.models import Adgangslog
from forloeb.models import Borger, Forloeb
from organisation import permissions

from . import adgangslog as log
from .historik import forloeb_historik
from .indsigt import indsigt_data, indsigt_pdf

HISTORIK_PR_SIDE = 50
ADGANGSLOG_PR_SIDE = 100
ADGANGSLOG_UDSKRIFT_MAKS = 5000


@require_GET
@login_required
@viser_persondata
def historik(request, pk: int):
    """The course's change history as a timeline: who, when, field before → after."""
    user = request.user
    forloeb = get_object_or_404(
        Forloeb.objects.synlige_for(user).select_related("borger", "team"),
        pk=pk,
    )
    if not (
        permissions.may_see_case_content(user, forloeb)
        and permissions.may_see_history(user, forloeb)
    ):
        raise Http404
    request.adgang.noter_visning(Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse="historik")
    side = Paginator(forloeb_historik(forloeb), HISTORIK_PR_SIDE).get_page(request.GET.get("side"))
    return render(
        request,
        "privacy/historik.html",
        {
            "title": _("Historik for forløb %(nr)s") % {"nr": forloeb.pk},
            "forloeb": forloeb,
            "side": side,
        },
    )


def _borgerens_team_ids(borger: Borger) -> set[int]:
    return set(Forloeb.objects.filter(borger=borger).values_list("team_id", flat=True))


def _synlig_borger(user, pk: int) -> Borger:
    borger = get_object_or_404(Borger.objects.filter(organisation_id=user.organisation_id), pk=pk)
    return borger


@require_GET
@login_required
@viser_persondata
def adgangslog(request, pk: int):
    """Who looked at this citizen's data, and when. Read-only; no case content."""
    user = request.user
    if not user.organisation_id:
        raise Http404
    borger = _synlig_borger(user, pk)
    if not permissions.may_see_access_log(
        user, organisation_id=borger.organisation_id, borger_team_ids=_borgerens_team_ids(borger)
    ):
        raise Http404
    request.adgang.noter_visning(Handling.VIS_BORGER, borger=borger, beskrivelse="adgangslog")
    rows = (
        Adgangslog.objects.filter(borger=borger)
        .select_related("bruger")
        .order_by("-tidspunkt", "-pk")
    )
    form = log.AdgangslogFilter(request.GET or None, personer=log.personer(borger))
    if form.is_bound and form.is_valid():
        rows = log.filtrer(rows, form.cleaned_data)
    elif form.is_bound:
        rows = rows.none()
    visning = request.GET.get("format", "")
    if visning == "csv" and not form.errors:
        stamp = timezone.localdate().isoformat()
        return eksport.csv_svar(
            kolonner=log.csv_kolonner(),
            raekker=log.csv_raekker(rows.iterator(chunk_size=2000)),
            filnavn=f"adgangslog-borger-{borger.pk}-{stamp}",
        )
    params = request.GET.copy()
    for key in ("side", "format"):
        params.pop(key, None)
    if visning == "udskrift":
        side, linjer = None, log.linjer(rows[:ADGANGSLOG_UDSKRIFT_MAKS])
    else:
        side = Paginator(rows, ADGANGSLOG_PR_SIDE).get_page(request.GET.get("side"))
        linjer = log.linjer(side.object_list)
    return render(
        request,
        "privacy/adgangslog.html",
        {
            "title": _("Adgangslog"),
            "borger": borger,
            "form": form,
            "side": side,
            "linjer": linjer,
            "antal": side.paginator.count if side else len(linjer),
            "udskrift": visning == "udskrift",
            "params": params.urlencode(),
        },
        status=400 if form.errors else 200,
    )


def _indsigt_borger(request, pk: int) -> Borger:
    user = request.user
    borger = get_object_or_404(Borger.objects.synlige_for(user), pk=pk)
    if not permissions.may_export_citizen(
        user, organisation_id=borger.organisation_id, borger_team_ids=_borgerens_team_ids(borger)
    ):
        raise Http404
    return borger


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
@viser_persondata
def indsigt(request, pk: int):
    """Everything about one citizen as JSON, for a request for access."""
    borger = _indsigt_borger(request, pk)
    request.adgang.noter_visning(Handling.INDSIGT, borger=borger, beskrivelse="json")
    body = json.dumps(indsigt_data(borger), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _download(response, f"indsigt-borger-{borger.pk}.json")


@require_GET
@login_required
@viser_persondata
def indsigt_pdf_view(request, pk: int):
    """The same export as a PDF."""
    borger = _indsigt_borger(request, pk)
    request.adgang.noter_visning(Handling.INDSIGT, borger=borger, beskrivelse="pdf")
    response = HttpResponse(indsigt_pdf(borger), content_type="application/pdf")
    return _download(response, f"indsigt-borger-{borger.pk}.pdf")
