"""What the caseworker's screens share: finding a course they act on."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from core.adgang import Handling
from core.forms import call_service, form_status
from organisation import permissions

from .. import selectors
from ..forms import (
    TimeaendringForm,
)
from ..models import Status

SIDESTOERRELSE = 25


def sagsbehandlers_forloeb(request, pk: int):
    """A course the user can see (else 404) and acts on as caseworker (else 403); opening
    an action page is a look at the course."""
    forloeb = selectors.hent_forloeb(request.user, pk)
    if not permissions.is_case_worker_for(request.user, forloeb):
        raise PermissionDenied
    if request.method == "GET":
        request.adgang.noter_visning(
            Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse=request.resolver_match.url_name
        )
    return forloeb


# Why an action's form is not offered in a state (the course page shows no button for it).
_IKKE_NU = {
    Status.KLADDE: _("Forløbet er en kladde, der endnu ikke er bevilget."),
    Status.AKTIV: _("Forløbet er i gang."),
    Status.AFSLUTTET: _("Forløbet er afsluttet og kan ikke ændres."),
}


def forkert_tilstand(request, forloeb, tilstande):
    """A GET of an action the course's state does not allow goes back to the course page
    with the reason (an old bookmark or tab); a POST still reaches the service, which
    refuses with its own message on the form."""
    if tilstande is None or forloeb.status in tilstande or request.method != "GET":
        return None
    messages.info(request, _IKKE_NU.get(forloeb.status, ""))
    return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)


def handlingsside(
    request, pk: int, *, form_class, title: str, knap: str, kald, besked: str, tilstande=None, **kw
):
    """One action page on a course: a form, one service call, back to the course page.
    `tilstande`: the statuses in which the action is offered."""
    forloeb = sagsbehandlers_forloeb(request, pk)
    if tilbage := forkert_tilstand(request, forloeb, tilstande):
        return tilbage
    form_kwargs = {"forloeb": forloeb} if form_class is TimeaendringForm else {}
    form = form_class(request.POST or None, initial=kw.get("initial"), **form_kwargs)
    if request.method == "POST" and form.is_valid():
        resultat = call_service(form, kald, user=request.user, forloeb=forloeb, **form.cleaned_data)
        if resultat is not None:
            messages.success(request, besked)
            return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)
    return render(
        request,
        "forloeb/handling.html",
        {"title": title, "forloeb": forloeb, "form": form, "knap": knap, "intro": kw.get("intro")},
        status=form_status(form),
    )
