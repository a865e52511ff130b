"""Providers, their contract periods and the internal cost rates (finance and team leaders).
No citizen data on these screens: providers, prices and the mentors who work for them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adgang import uden_persondata
from core.forms import call_service
from forloeb.models import UDEN_LEVERANDOER, Leverandoer, Mentor, MentorType
from organisation import permissions

from .. import services
from ..forms import AfslutKontraktForm, KontraktForm, LeverandoerForm, TimesatsForm
from ..models import InternTimesats
from ._faelles import kraev_laeser


def _gaeldende(perioder, dato):
    return next((p for p in perioder if p.gaelder(dato)), None)


@login_required
@uden_persondata
def leverandoerer(request):
    kraev_laeser(request)
    may_manage = permissions.may_manage_contracts(request.user)
    form = LeverandoerForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise permissions.PermissionDenied
        if form.is_valid():
            ny = call_service(
                form, services.opret_leverandoer, user=request.user, **form.cleaned_data
            )
            if ny is not None:
                messages.success(
                    request, _("Leverandøren er oprettet. Tilføj nu kontraktens pris.")
                )
                return redirect("oekonomi:leverandoer", pk=ny.pk)
    today = timezone.localdate()
    rows = list(
        Leverandoer.objects.synlige_for(request.user)
        .annotate(antal_mentorer=Count("mentorer", filter=Q(mentorer__aktiv=True)))
        .prefetch_related("kontrakter")
        .order_by("-aktiv", "navn")
    )
    for lev in rows:
        lev.gaeldende = _gaeldende(lev.kontrakter.all(), today)
    uden = (
        Mentor.objects.synlige_for(request.user)
        .filter(leverandoer__isnull=True, aktiv=True)
        .exclude(type__in=UDEN_LEVERANDOER)
        .order_by("navn")
    )
    return render(
        request,
        "oekonomi/leverandoerer.html",
        {
            "title": _("Leverandører og kontrakter"),
            "leverandoerer": rows,
            "form": form,
            "may_manage": may_manage,
            "uden_leverandoer": list(uden),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@uden_persondata
def leverandoer(request, pk: int):
    kraev_laeser(request)
    lev = Leverandoer.objects.synlige_for(request.user).filter(pk=pk).first()
    if lev is None:
        raise Http404
    may_manage = permissions.may_manage_contracts(request.user)
    handling = request.POST.get("handling", "")
    stamdata = LeverandoerForm(
        request.POST if handling == "stamdata" else None,
        initial={f: getattr(lev, f) for f in LeverandoerForm.base_fields},
    )
    kontrakt = KontraktForm(request.POST if handling == "kontrakt" else None)
    afslut = AfslutKontraktForm(request.POST if handling == "afslut" else None)
    if request.method == "POST":
        if not may_manage:
            raise permissions.PermissionDenied
        ok = None
        if handling == "stamdata" and stamdata.is_valid():
            ok = call_service(
                stamdata,
                services.opdater_leverandoer,
                user=request.user,
                leverandoer=lev,
                **stamdata.cleaned_data,
            )
        elif handling == "kontrakt" and kontrakt.is_valid():
            ok = call_service(
                kontrakt, services.ny_kontraktperiode, user=request.user, leverandoer=lev,
                **kontrakt.cleaned_data,
            )  # fmt: skip
        elif handling == "afslut" and afslut.is_valid():
            ok = call_service(
                afslut,
                services.afslut_kontrakt,
                user=request.user,
                leverandoer=lev,
                slut=afslut.cleaned_data["slut"],
            )
        if ok is not None:
            messages.success(request, _("Gemt."))
            return redirect("oekonomi:leverandoer", pk=lev.pk)
    perioder = list(lev.kontrakter.select_related("oprettet_af").order_by("-start"))
    return render(
        request,
        "oekonomi/leverandoer.html",
        {
            "title": lev.navn,
            "lev": lev,
            "perioder": perioder,
            "gaeldende": _gaeldende(perioder, timezone.localdate()),
            "mentorer": list(lev.mentorer.order_by("-aktiv", "navn")),
            "stamdata": stamdata,
            "kontrakt": kontrakt,
            "afslut": afslut,
            "may_manage": may_manage,
        },
        status=400 if any(f.is_bound and f.errors for f in (stamdata, kontrakt, afslut)) else 200,
    )


@login_required
@uden_persondata
def interne_satser(request):
    kraev_laeser(request)
    may_manage = permissions.may_manage_contracts(request.user)
    form = TimesatsForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise permissions.PermissionDenied
        if form.is_valid():
            ny = call_service(
                form, services.ny_intern_timesats, user=request.user, **form.cleaned_data
            )
            if ny is not None:
                messages.success(request, _("Satsen er gemt."))
                return redirect("oekonomi:interne_satser")
    satser = list(
        InternTimesats.objects.filter(organisation_id=request.user.organisation_id)
        .select_related("oprettet_af")
        .order_by("mentortype", "-start")
    )
    today = timezone.localdate()
    typer = dict(MentorType.choices)
    gaeldende = [
        (typer[t], _gaeldende([s for s in satser if s.mentortype == t], today))
        for t in MentorType.values
        if t in UDEN_LEVERANDOER or any(s.mentortype == t for s in satser)
    ]
    return render(
        request,
        "oekonomi/interne_satser.html",
        {
            "title": _("Interne timesatser"),
            "satser": satser,
            "gaeldende": gaeldende,
            "form": form,
            "may_manage": may_manage,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
