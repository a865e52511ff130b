"""The mentor's screens: "Mine borgere" and one citizen's course, with the mentor's actions.

Only courses the user has been mentor on are reachable; anything else is a 404, so a
guessed id reveals nothing. Earlier citizens are read-only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adgang import Handling, viser_oversigt, viser_persondata
from core.forms import add_service_errors
from organisation import permissions
from organisation.models import Rolle

from .. import selectors_mentor as sel
from .. import services
from ..forms_mentor import (
    ArbejdspunktForm,
    StatusrapportForm,
    VurderingForm,
)
from ..models import Arbejdspunkt


def _require_mentor(request) -> None:
    permissions.require_role(request.user, Rolle.MENTOR)


def _get_forloeb(request, pk: int):
    _require_mentor(request)
    forloeb = sel.mentor_forloeb(request.user, pk)
    if forloeb is None:
        raise Http404
    return forloeb


def _require_current(request, forloeb) -> None:
    if not sel.er_aktuel_mentor(request.user, forloeb):
        raise PermissionDenied


@login_required
@viser_oversigt
def mine_borgere(request):
    _require_mentor(request)
    aktuelle, tidligere = sel.mine_borgere(request.user)
    return render(
        request,
        "forloeb/mentor/mine_borgere.html",
        {"title": _("Mine borgere"), "aktuelle": aktuelle, "tidligere": tidligere},
    )


def _tidligere_forloeb(request, forloeb):
    """A former mentor keeps the weeks she registered (her own records and invoices) and
    nothing else of the case."""
    return render(
        request,
        "forloeb/mentor/tidligere.html",
        {
            "title": forloeb.borger.navn,
            "forloeb": forloeb,
            "uger": sel.mine_registrerede_uger(request.user, forloeb),
        },
    )


def _render_forloeb(
    request, forloeb, *, ap_form=None, rapport_form=None, vurdering_fejl=None, status=200
):
    if not permissions.may_see_case_content(request.user, forloeb):
        return _tidligere_forloeb(request, forloeb)
    aktuel = sel.er_aktuel_mentor(request.user, forloeb)
    punkter = sel.arbejdspunkter_med_vurderinger(forloeb)
    vurdering_fejl = vurdering_fejl or {}
    for visning in punkter:
        visning.form = vurdering_fejl.get(
            visning.arbejdspunkt.pk, VurderingForm(prefix=f"ap{visning.arbejdspunkt.pk}")
        )
    ap_form = ap_form or ArbejdspunktForm()
    rapport_form = rapport_form or StatusrapportForm()
    return render(
        request,
        "forloeb/mentor/forloeb.html",
        {
            "title": forloeb.borger.navn,
            "forloeb": forloeb,
            "borger": forloeb.borger,
            "aktuel": aktuel,
            "problemomraader": sel.synlige_problemomraader(
                request.user, forloeb.borger.problemomraader
            ),
            "arbejdspunkter": punkter,
            "statusrapporter": forloeb.statusrapporter.select_related("mentor").order_by(
                "-dato", "-pk"
            )[:10],
            "moeder": forloeb.moeder.order_by("-dato", "-pk")[:10],
            "ap_form": ap_form,
            "rapport_form": rapport_form,
            # For the error summary at the top of the page.
            "formularer": [ap_form, rapport_form, *(v.form for v in punkter)],
        },
        status=status,
    )


@login_required
@viser_persondata
def mentor_forloeb(request, pk: int):
    forloeb = _get_forloeb(request, pk)
    request.adgang.noter_visning(Handling.VIS_FORLOEB, forloeb=forloeb)
    return _render_forloeb(request, forloeb)


@login_required
@require_POST
@viser_persondata
def opret_arbejdspunkt(request, pk: int):
    forloeb = _get_forloeb(request, pk)
    _require_current(request, forloeb)
    form = ArbejdspunktForm(request.POST)
    if form.is_valid():
        try:
            services.opret_arbejdspunkt(
                user=request.user, forloeb=forloeb, titel=form.cleaned_data["titel"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Arbejdspunktet er tilføjet."))
            return redirect(reverse("forloeb:mentor_forloeb", args=[pk]) + "#arbejdspunkter")
    return _render_forloeb(request, forloeb, ap_form=form)


@login_required
@require_POST
@viser_persondata
def vurder_arbejdspunkt(request, pk: int, ap: int):
    forloeb = _get_forloeb(request, pk)
    arbejdspunkt = get_object_or_404(Arbejdspunkt, pk=ap, forloeb=forloeb)
    _require_current(request, forloeb)
    form = VurderingForm(request.POST, prefix=f"ap{arbejdspunkt.pk}")
    if form.is_valid():
        try:
            services.vurder_progression(
                user=request.user, arbejdspunkt=arbejdspunkt, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Vurderingen er gemt."))
            return redirect(
                reverse("forloeb:mentor_forloeb", args=[pk]) + f"#arbejdspunkt-{arbejdspunkt.pk}"
            )
    return _render_forloeb(request, forloeb, vurdering_fejl={arbejdspunkt.pk: form})


@login_required
@require_POST
@viser_persondata
def arbejdspunkt_status(request, pk: int, ap: int):
    forloeb = _get_forloeb(request, pk)
    arbejdspunkt = get_object_or_404(Arbejdspunkt, pk=ap, forloeb=forloeb)
    _require_current(request, forloeb)
    try:
        services.aendr_arbejdspunkt_status(
            user=request.user, arbejdspunkt=arbejdspunkt, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Arbejdspunktet er nu: %(status)s.") % {"status": arbejdspunkt.get_status_display()},
        )
    return redirect(reverse("forloeb:mentor_forloeb", args=[pk]) + f"#arbejdspunkt-{ap}")


@login_required
@require_POST
@viser_persondata
def skriv_statusrapport(request, pk: int):
    forloeb = _get_forloeb(request, pk)
    _require_current(request, forloeb)
    form = StatusrapportForm(request.POST)
    if form.is_valid():
        try:
            services.skriv_statusrapport(
                user=request.user, forloeb=forloeb, tekst=form.cleaned_data["tekst"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Statusrapporten er gemt."))
            return redirect(reverse("forloeb:mentor_forloeb", args=[pk]) + "#statusrapporter")
    return _render_forloeb(request, forloeb, rapport_form=form)
