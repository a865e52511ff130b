"""The team leader's outcome view: outcome shares 3, 6 and 12 months after the end and the
two voices on progress, with small cells suppressed (no course or citizen is named)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adgang import uden_persondata
from core.db import laeser_fra_replika
from organisation import permissions
from organisation.models import Rolle, Team

from ..forms import ResultatForm
from ..selectors import resultater as sel
from ..selectors.anonym import GRAENSE


@login_required
@uden_persondata
@laeser_fra_replika
def resultater(request):
    """Aggregates only, each of at least five courses: no personal data to log."""
    permissions.require_role(request.user, Rolle.TEAMLEDER)
    ledede = permissions.ledede_team_ids(request.user)
    data = request.GET.copy()
    data.setdefault("maaned", "6")
    form = ResultatForm(data, teams=Team.objects.filter(pk__in=ledede).order_by("navn"))
    r = s = None
    if form.is_valid():
        team = form.cleaned_data["team"]
        ids = [team.pk] if team else ledede
        aar = form.cleaned_data["aar"]
        today = timezone.localdate()
        r = sel.resultater(
            organisation_id=request.user.organisation_id,
            team_ids=ids,
            maaned=form.cleaned_data["maaned"],
            i_dag=today,
            aar=aar,
        )
        s = sel.stemmer(
            organisation_id=request.user.organisation_id, team_ids=ids, aar=aar or today.year
        )
    return render(
        request,
        "oekonomi/resultater.html",
        {
            "title": _("Resultater og begge stemmer"),
            "form": form,
            "r": r,
            "s": s,
            "graense": GRAENSE,
            "kvartaler": [_("1. kvartal"), _("2. kvartal"), _("3. kvartal"), _("4. kvartal")],
            "stemmegrupper": [
                (dim, titel, s.grupper[dim])
                for dim, titel in (("team", _("Team")), ("mentortype", _("Mentortype")))
            ]
            if s
            else [],
        },
        status=200 if form.is_valid() else 400,
    )
