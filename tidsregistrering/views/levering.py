"""The delivery panel on a course: granted vs delivered hours per week, approve and reopen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adgang import Handling, viser_persondata
from core.forms import add_service_errors
from forloeb.models import Forloeb
from forloeb.timer import formater_timer
from organisation import permissions

from .. import selectors, services
from ..forms import GenaabnForm

VENSTRE = 30  # room for the hours axis' labels
BUND = 18  # room for the week labels


def _diagram(levering, hoejde: int = 100, bredde: int = 16) -> dict:
    """Bar geometry for the server-rendered SVG (attributes, no inline style: CSP): bars
    inside a plot area with an hours axis (0, half, top) and a week label under every
    bar, or every 2nd/3rd… when there are many weeks. The numbers are also in the table."""
    top = float(levering.maks_timer) or 1.0
    hver = max(1, -(-len(levering.uger) // 13))  # at most ~13 week labels
    bars = []
    for i, u in enumerate(levering.uger):
        g = round(float(u.bevilget_timer) / top * hoejde, 1)
        d = round(u.leveret_minutter / 60 / top * hoejde, 1)
        x = VENSTRE + i * bredde
        bars.append(
            {
                "uge": u,
                "x": x,
                "gy": round(hoejde - g, 1),
                "gh": g,
                "dx": x + 4,
                "dy": round(hoejde - d, 1),
                "dh": d,
                "label_x": x + bredde / 2 - 1,
                "vis_label": i % hver == 0,
            }
        )
    bredde_i_alt = VENSTRE + max(len(bars), 1) * bredde
    ticks = [
        {"y": round(hoejde - andel * hoejde, 1), "tekst": formater_timer(top * andel)}
        for andel in (0, 0.5, 1)
    ]
    return {
        "bars": bars,
        "bredde": bredde_i_alt + 4,
        "hoejde": hoejde,
        "fuld_hoejde": hoejde + BUND,
        "venstre": VENSTRE,
        "hoejre": bredde_i_alt,
        "label_y": hoejde + 12,
        "ticks": ticks,
        "top": levering.maks_timer,
        "bar_bredde": bredde - 2,
        "leveret_bredde": bredde - 10,
    }


def _levering_response(request, forloeb, *, genaabn_form=None, genaabn_pk=None, status=200):
    data = selectors.levering(forloeb)
    context = {
        "forloeb": forloeb,
        "levering": data,
        "diagram": _diagram(data),
        "er_htmx": bool(request.headers.get("HX-Request")),
        "kan_godkende": permissions.is_case_worker_for(request.user, forloeb),
        "genaabn_form": genaabn_form or GenaabnForm(),
        "genaabn_pk": genaabn_pk,
        "title": _("Levering"),
    }
    if request.headers.get("HX-Request"):
        return render(request, "tidsregistrering/_levering.html", context, status=status)
    return render(request, "tidsregistrering/levering.html", context, status=status)


def _synligt_forloeb(request, pk):
    return get_object_or_404(
        Forloeb.objects.med_indhold_for(request.user).select_related("borger", "afslutning"),
        pk=pk,
    )


@login_required
@viser_persondata
def levering(request, pk):
    forloeb = _synligt_forloeb(request, pk)
    if not request.headers.get("HX-Request"):
        # The course page logs its own view; the stand-alone page logs here.
        request.adgang.noter_visning(Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse="levering")
    return _levering_response(request, forloeb)


def _after_action(request, forloeb):
    if request.headers.get("HX-Request"):
        return _levering_response(request, forloeb)
    return redirect("tidsregistrering:levering", pk=forloeb.pk)


def _report(request, exc: ValidationError) -> None:
    for errors in exc.message_dict.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
@viser_persondata
def godkend(request, pk):
    registrering = get_object_or_404(selectors.synlige_registreringer(request.user), pk=pk)
    forloeb = _synligt_forloeb(request, registrering.forloeb_id)
    try:
        services.godkend_uge(user=request.user, registrering=registrering)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(
            request,
            _("Uge %(uge)s/%(aar)s er godkendt.")
            % {"uge": registrering.uge, "aar": registrering.aar},
        )
    return _after_action(request, forloeb)


@login_required
@require_POST
@viser_persondata
def godkend_alle(request, pk):
    forloeb = _synligt_forloeb(request, pk)
    ids = [int(x) for x in request.POST.getlist("registrering") if x.isdigit()]
    try:
        antal = services.godkend_uger(user=request.user, forloeb=forloeb, registreringer=ids)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("%(antal)s uger er godkendt.") % {"antal": antal})
    return _after_action(request, forloeb)


@login_required
@require_POST
@viser_persondata
def genaabn(request, pk):
    registrering = get_object_or_404(selectors.synlige_registreringer(request.user), pk=pk)
    forloeb = _synligt_forloeb(request, registrering.forloeb_id)
    form = GenaabnForm(request.POST)
    if form.is_valid():
        try:
            services.genaabn_uge(
                user=request.user,
                registrering=registrering,
                begrundelse=form.cleaned_data["begrundelse"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {"begrundelse": "begrundelse"})
        else:
            messages.success(
                request,
                _("Uge %(uge)s/%(aar)s er genåbnet.")
                % {"uge": registrering.uge, "aar": registrering.aar},
            )
            return _after_action(request, forloeb)
    return _levering_response(request, forloeb, genaabn_form=form, genaabn_pk=pk, status=400)
