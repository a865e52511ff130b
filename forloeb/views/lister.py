"""The caseworker's lists: Min arbejdsliste and the course list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.adgang import viser_oversigt
from organisation import permissions
from organisation.models import Rolle, Team

from .. import selectors
from ..forms import (
    ForloebFilterForm,
)
from ..models import Mentor
from ._faelles import SIDESTOERRELSE


@login_required
@viser_oversigt
def arbejdsliste(request):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    return render(
        request,
        "forloeb/arbejdsliste.html",
        {
            "title": _("Min arbejdsliste"),
            "udloeber": list(selectors.arbejdsliste(request.user)),
            "kladder": list(selectors.mine_kladder(request.user)),
            "nye_mentorer": list(selectors.nye_mentorer(request.user)),
            "dage": selectors.ARBEJDSLISTE_DAGE,
        },
    )


@login_required
@viser_oversigt
def forloeb_liste(request):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER)
    user = request.user
    teams = Team.objects.filter(
        Q(medlemmer=user) | Q(ledere=user), organisation_id=user.organisation_id
    ).distinct()
    mentorer = Mentor.objects.synlige_for(user)
    form = ForloebFilterForm(request.GET or None, teams=teams, mentorer=mentorer)
    filtre = form.cleaned_data if form.is_valid() else {}
    qs = selectors.forloeb_liste(
        user,
        status=filtre.get("status", ""),
        team=filtre.get("team"),
        mentor=filtre.get("mentor"),
        tekst=filtre.get("q", ""),
        sortering=filtre.get("sortering", ""),
    )
    side = Paginator(qs, SIDESTOERRELSE).get_page(request.GET.get("side"))
    params = request.GET.copy()
    params.pop("side", None)
    return render(
        request,
        "forloeb/forloeb_liste.html",
        {"title": _("Forløb"), "form": form, "side": side, "params": params.urlencode()},
    )
