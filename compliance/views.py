"""Team leader's dashboard, drill-down lists with export, flags of a course, stikprøver."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adgang import Handling, uden_persondata, viser_oversigt, viser_persondata
from forloeb.models import Forloeb
from organisation import permissions
from organisation.models import Rolle
from tidsregistrering.uger import mandag

from . import selectors, services
from .forms import AcceptForm, FilterForm, StikproeveForm, VurderingForm
from .links import forloeb_url, ret_url
from .models import Advarsel, StikproeveSag
from .regler import REGLER, STAR_PUNKTER

PAGE_SIZE = 100


def _teamleder(request) -> None:
    permissions.require_role(request.user, Rolle.TEAMLEDER)


def _base(request):
    """The leader's courses narrowed by the filters; an invalid filter shows nothing (and
    the form names the field) rather than silently showing more than was asked for."""
    form = FilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return form, selectors.Filtre(), Forloeb.objects.none()
    filtre = form.filtre() if form.is_bound else selectors.Filtre()
    return form, filtre, filtre.anvend(selectors.leders_forloeb(request.user))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _query_uden(request, *keys) -> str:
    params = request.GET.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()


@login_required
@uden_persondata
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
    qs = (
        qs.select_related("team", "sagsbehandler", "mentor", "borger")
        .annotate(
            foerste_start=Min("bevillinger__start"),
            sidste_slut=Max("bevillinger__slut"),
            aabne=Count("advarsler", filter=Q(advarsler__lukket__isnull=True), distinct=True),
        )
        .order_by("pk")
    )
    return form, maal, qs


@login_required
@viser_oversigt
def forloeb_liste(request):
    form, maal, qs = _drill(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = [(f, forloeb_url(f, request.user)) for f in page.object_list]
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
def forloeb_eksport(request, format):
    """CSV or XLSX of a drill-down list. No CPR numbers; the export is logged."""
    if format not in ("csv", "xlsx"):
        raise Http404
    form, maal, qs = _drill(request)
    if _status(form) == 400:
        return HttpResponse(
            _("Ugyldigt filter: %(felter)s") % {"felter": ", ".join(form.errors)}, status=400
        )
    rows = list(_export_rows(qs))
    request.adgang.noter_visning(
        Handling.EKSPORT,
        beskrivelse=f"compliance {maal or 'alle'}: {len(rows)} forløb ({format})"[:200],
    )
    filename = f"mentorsag-{maal or 'forloeb'}-{timezone.localdate():%Y%m%d}.{format}"
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([str(c) for c in EXPORT_COLUMNS])
        writer.writerows(rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(_("Forløb"))
        ws.append([str(c) for c in EXPORT_COLUMNS])
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


def _synligt_forloeb(request, pk) -> Forloeb:
    return get_object_or_404(Forloeb.objects.synlige_for(request.user), pk=pk)


def _maa_acceptere(user, forloeb) -> bool:
    return permissions.is_case_worker_for(user, forloeb) or permissions.leads_course_team(
        user, forloeb
    )


@login_required
@viser_persondata
def forloeb_advarsler(request, pk, form=None, fejl_id=None):
    """All flags of one course, open first, with the accept note where allowed."""
    forloeb = _synligt_forloeb(request, pk)
    if request.method == "GET":
        request.adgang.noter_visning(Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse="advarsler")
    advarsler = list(
        Advarsel.objects.filter(forloeb=forloeb)
        .select_related("accepteret_af")
        .order_by("lukket", "-foerst_set")
    )
    rows = [
        {
            "advarsel": a,
            "regel": REGLER.get(a.regel),
            "url": ret_url(a, request.user),
            "form": form
            if a.pk == fejl_id
            else AcceptForm(initial={"note": a.accept_begrundelse}, auto_id=f"id_a{a.pk}_%s"),
        }
        for a in advarsler
    ]
    return render(
        request,
        "compliance/forloeb.html",
        {
            "title": _("Advarsler på forløb %(nr)s") % {"nr": forloeb.pk},
            "forloeb": forloeb,
            "forloeb_link": forloeb_url(forloeb, request.user),
            "rows": rows,
            "maa_acceptere": _maa_acceptere(request.user, forloeb),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
@viser_persondata
def accepter(request, pk):
    advarsel = get_object_or_404(
        Advarsel.objects.filter(forloeb__in=Forloeb.objects.synlige_for(request.user)),
        pk=pk,
    )
    form = AcceptForm(request.POST, auto_id=f"id_a{advarsel.pk}_%s")
    if form.is_valid():
        try:
            services.noter_accept(
                user=request.user, advarsel=advarsel, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("compliance:forloeb", advarsel.forloeb_id)
    return forloeb_advarsler(request, advarsel.forloeb_id, form=form, fejl_id=advarsel.pk)


# --- Stikprøve ---------------------------------------------------------------------------


@login_required
@uden_persondata
def stikproever(request):
    _teamleder(request)
    form = StikproeveForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            stikproeve = services.opret_stikproeve(
                user=request.user,
                antal=form.cleaned_data["antal"],
                team=form.cleaned_data["team"],
                titel=form.cleaned_data["titel"],
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("compliance:stikproeve", stikproeve.pk)
    liste = selectors.leders_stikproever(request.user).select_related("team", "oprettet_af")
    return render(
        request,
        "compliance/stikproever.html",
        {"title": _("Stikprøver"), "form": form, "stikproever": liste},
        status=400 if form.errors else 200,
    )


def _stikproeve(request, pk):
    _teamleder(request)
    return get_object_or_404(selectors.leders_stikproever(request.user), pk=pk)


def _rapport(stikproeve):
    sager = list(stikproeve.sager.all())
    punkter = []
    for punkt, (titel, _r) in STAR_PUNKTER.items():
        opfyldt = sum(1 for s in sager if getattr(s, punkt) == "opfyldt")
        system = sum(1 for s in sager if s.systemfund.get(punkt))
        punkter.append(
            {
                "punkt": punkt,
                "titel": titel,
                "opfyldt": opfyldt,
                "andel": round(100 * opfyldt / len(sager)) if sager else None,
                "system_andel": round(100 * system / len(sager)) if sager else None,
            }
        )
    return sager, punkter


@login_required
@viser_oversigt
def stikproeve(request, pk):
    stikproeve = _stikproeve(request, pk)
    if request.method == "POST" and "afslut" in request.POST:
        try:
            services.afslut_stikproeve(user=request.user, stikproeve=stikproeve)
        except ValidationError as exc:
            for messages in exc.message_dict.values():
                for message in messages:
                    from django.contrib import messages as flash

                    flash.error(request, message)
        return redirect("compliance:stikproeve", stikproeve.pk)
    sager, punkter = _rapport(stikproeve)
    return render(
        request,
        "compliance/stikproeve.html",
        {
            "title": stikproeve.titel,
            "stikproeve": stikproeve,
            "sager": sager,
            "punkter": punkter,
            "punkt_navne": [(p, t) for p, (t, _r) in STAR_PUNKTER.items()],
            "vurderet": sum(1 for s in sager if s.vurderet),
        },
    )


@login_required
@viser_oversigt
def stikproeve_rapport(request, pk):
    stikproeve = _stikproeve(request, pk)
    sager, punkter = _rapport(stikproeve)
    return render(
        request,
        "compliance/stikproeve_rapport.html",
        {
            "title": _("Rapport: %(t)s") % {"t": stikproeve.titel},
            "stikproeve": stikproeve,
            "sager": sager,
            "punkter": punkter,
            "punkt_navne": [(p, t) for p, (t, _r) in STAR_PUNKTER.items()],
        },
    )


@login_required
@viser_persondata
def stikproeve_sag(request, pk):
    _teamleder(request)
    sag = get_object_or_404(
        StikproeveSag.objects.filter(
            stikproeve__in=selectors.leders_stikproever(request.user)
        ).select_related("stikproeve", "forloeb", "forloeb__mentor", "forloeb__team"),
        pk=pk,
    )
    forloeb = sag.forloeb
    form = VurderingForm(request.POST or None, instance=sag)
    if request.method == "POST" and form.is_valid():
        try:
            services.vurder_stikproevesag(
                user=request.user,
                sag=sag,
                vurderinger={p: form.cleaned_data[p] for p in STAR_PUNKTER},
                kommentar=form.cleaned_data["kommentar"],
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                raise
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            naeste = sag.stikproeve.sager.filter(vurderet__isnull=True).order_by("pk").first()
            if naeste:
                return redirect("compliance:stikproeve_sag", naeste.pk)
            return redirect("compliance:stikproeve", sag.stikproeve_id)
    if request.method == "GET":
        request.adgang.noter_visning(Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse="stikprøve")
    bevillinger = list(forloeb.bevillinger.prefetch_related("aftaler").order_by("start"))
    mandage = [mandag(timezone.localdate()) - timezone.timedelta(weeks=i) for i in range(4, 0, -1)]
    timer = selectors.timer_pr_uge(Forloeb.objects.filter(pk=forloeb.pk), mandage)
    return render(
        request,
        "compliance/stikproeve_sag.html",
        {
            "title": _("Stikprøve: forløb %(nr)s") % {"nr": forloeb.pk},
            "sag": sag,
            "forloeb": forloeb,
            "form": form,
            "bevillinger": bevillinger,
            "opfoelgninger": list(forloeb.opfoelgninger.order_by("-dato")[:3]),
            "timer": timer,
            "punkter": [
                (p, t, sag.systemfund.get(p), form[p]) for p, (t, _r) in STAR_PUNKTER.items()
            ],
            "forloeb_link": forloeb_url(forloeb, request.user),
        },
        status=400 if form.errors else 200,
    )
