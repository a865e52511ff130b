"""Internal sample audits (stikprøver): draw, review each case on the STAR checklist, report."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adgang import Handling, uden_persondata, viser_oversigt, viser_persondata
from tidsregistrering.uger import mandag

from .. import selectors, services
from ..forms import StikproeveForm, VurderingForm
from ..links import forloeb_url
from ..models import StikproeveSag
from ..regler import STAR_PUNKTER
from ._faelles import _teamleder


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
        # The POST comes from the confirmation box (?bekraeft=afslut), or a client that
        # asked itself.
        try:
            services.afslut_stikproeve(user=request.user, stikproeve=stikproeve)
        except ValidationError as exc:
            for message in exc.messages:
                flash.error(request, message)
        else:
            flash.success(
                request, _("Stikprøven er afsluttet. Vurderingerne kan ikke længere ændres.")
            )
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
            "bekraeft_afslut": (
                request.GET.get("bekraeft") == "afslut" and not stikproeve.afsluttet
            ),
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
    laast = bool(sag.stikproeve.afsluttet)
    # A finished sample is read-only: no form, and a stray POST says why.
    form = None if laast else VurderingForm(request.POST or None, instance=sag)
    if form is not None and request.method == "POST" and form.is_valid():
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
    timer = selectors.timer_pr_uge([forloeb.pk], mandage)
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
                (p, t, sag.systemfund.get(p), form[p] if form else None)
                for p, (t, _r) in STAR_PUNKTER.items()
            ],
            "forloeb_link": forloeb_url(forloeb, request.user),
            "laast": laast,
            "afvist_post": laast and request.method == "POST",
        },
        status=400
        if (form is not None and form.errors) or (laast and request.method == "POST")
        else 200,
    )
