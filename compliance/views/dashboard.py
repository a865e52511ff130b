"""The team leader's dashboard, its drill-down lists and their CSV/XLSX export."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.adgang import Handling, uden_persondata, viser_oversigt
from core.db import laeser_fra_replika
from core.eksport import raekke
from forloeb.models import Forloeb
from organisation import permissions

from .. import selectors
from ..links import forloeb_url
from ..models import Advarsel
from ._faelles import PAGE_SIZE, _base, _query_uden, _status, _teamleder


@login_required
@uden_persondata
@laeser_fra_replika
def dashboard(request):
    _teamleder(request)
    form, filtre, base = _base(request)
    team_ids = [filtre.team] if filtre.team else permissions.ledede_team_ids(request.user)
    data = selectors.dashboard(base, team_ids=team_ids)
    chart = data["chart"]
    return render(
        request,
        "compliance/dashboard.html",
        {
            "title": _("Overblik"),
            "form": form,
            "d": data,
            # The figures behind the charts, as tables under them.
            "trend_rows": [
                (uge, [s["andel"][i] for s in chart["trend"]["serier"]])
                for i, uge in enumerate(chart["trend"]["uger"])
            ],
            "fordeling_dims": [
                ("team", _("Team")),
                ("sagsbehandler", _("Sagsbehandler")),
                ("mentor", _("Mentor")),
            ],
            "filter_query": _query_uden(request, "maal", "side"),
            "liste_url": reverse("compliance:forloeb_liste"),
        },
        status=_status(form),
    )


def _drill(request):
    _teamleder(request)
    form, filtre, base = _base(request)
    maal = request.GET.get("maal", "")
    qs = selectors.forloeb_bag(base, maal)
    if qs is None:
        raise Http404
    return form, maal, qs.order_by("pk")


def _med_detaljer(qs):
    """The columns of a drill-down row (periods, open flags); for a page's rows only, since
    grouping every course of the selection before paging cost most of the list's time."""
    return (
        qs.select_related("team", "sagsbehandler", "mentor", "borger")
        .annotate(
            foerste_start=Min("bevillinger__start"),
            sidste_slut=Max("bevillinger__slut"),
            aabne=Count("advarsler", filter=Q(advarsler__lukket__isnull=True), distinct=True),
        )
        .order_by("pk")
    )


def _aabne_label(f) -> str:
    # In the view, not as a blocktranslate per row (a page of 100 rows).
    return ngettext(
        "%(n)s åben advarsel på forløb %(nr)s", "%(n)s åbne advarsler på forløb %(nr)s", f.aabne
    ) % {"n": f.aabne, "nr": f.pk}


@login_required
@viser_oversigt
@laeser_fra_replika
def forloeb_liste(request):
    form, maal, qs = _drill(request)
    page = Paginator(qs.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("side"))
    forloeb = _med_detaljer(Forloeb.objects.filter(pk__in=list(page.object_list)))
    rows = [(f, forloeb_url(f, request.user), _aabne_label(f)) for f in forloeb]
    return render(
        request,
        "compliance/forloeb_liste.html",
        {
            "title": selectors.maal_titel(maal),
            "form": form,
            "maal": maal,
            "page": page,
            "rows": rows,
            "query": _query_uden(request, "side"),
            "filter_query": _query_uden(request, "maal", "side"),
        },
        status=_status(form),
    )


EXPORT_COLUMNS = [
    _("Forløb"),
    _("Team"),
    _("Sagsbehandler"),
    _("Mentor"),
    _("Mentortype"),
    _("Ydelsesgruppe"),
    _("Status"),
    _("Første periode start"),
    _("Sidste periode slut"),
    _("Åbne advarsler"),
]


def _export_rows(qs):
    koder = {}
    for forloeb_id, regel in (
        Advarsel.objects.aabne()
        .filter(forloeb__in=qs.values("pk"))
        .values_list("forloeb_id", "regel")
    ):
        koder.setdefault(forloeb_id, []).append(regel)
    for f in qs:
        yield [
            f.pk,
            f.team.navn,
            str(f.sagsbehandler),
            f.mentor.navn if f.mentor else "",
            f.mentor.get_type_display() if f.mentor else "",
            f.borger.get_ydelsesgruppe_display(),
            f.get_status_display(),
            f.foerste_start.isoformat() if f.foerste_start else "",
            f.sidste_slut.isoformat() if f.sidste_slut else "",
            ", ".join(sorted(koder.get(f.pk, []))),
        ]


@login_required
@viser_oversigt
@laeser_fra_replika
def forloeb_eksport(request, format):
    """CSV or XLSX of a drill-down list. No CPR numbers; the export is logged."""
    if format not in ("csv", "xlsx"):
        raise Http404
    form, maal, qs = _drill(request)
    if _status(form) == 400:
        return HttpResponse(
            _("Ugyldigt filter: %(felter)s") % {"felter": ", ".join(form.errors)}, status=400
        )
    rows = [raekke(row) for row in _export_rows(_med_detaljer(qs))]
    request.adgang.noter_visning(
        Handling.EKSPORT,
        beskrivelse=f"compliance {maal or 'alle'}: {len(rows)} forløb ({format})"[:200],
    )
    filename = f"mentorsag-{maal or 'forloeb'}-{timezone.localdate():%Y%m%d}.{format}"
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(raekke(str(c) for c in EXPORT_COLUMNS))
        writer.writerows(rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(_("Forløb"))
        ws.append(raekke(str(c) for c in EXPORT_COLUMNS))
        for row in rows:
            ws.append(row)
        out = io.BytesIO()
        wb.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
