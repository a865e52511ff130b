"""The CSV export of week registrations (scoped, logged)."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adgang import Handling, viser_oversigt
from core.db import laeser_fra_replika
from core.eksport import raekke
from forloeb.models import Mentor
from organisation import permissions
from organisation.models import Rolle, Team

from .. import selectors
from ..forms import EksportForm

EKSPORT_ROLLER = (Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER, Rolle.MENTORKOORDINATOR, Rolle.MENTOR)


@login_required
@viser_oversigt
@laeser_fra_replika
def eksport(request):
    user = request.user
    if not permissions.has_role(user, *EKSPORT_ROLLER):
        raise PermissionDenied
    teams = Team.objects.filter(organisation_id=user.organisation_id).order_by("navn")
    mentorer = Mentor.objects.synlige_for(user).order_by("navn")
    form = EksportForm(request.GET or None, teams=teams, mentorer=mentorer)
    if request.GET.get("hent") and form.is_valid():
        data = form.cleaned_data
        qs = selectors.eksport(
            user,
            fra=data["fra"],
            til=data["til"],
            team_id=data["team"].pk if data["team"] else None,
            mentor_id=data["mentor"].pk if data["mentor"] else None,
        )
        return _csv(request, qs, data)
    return render(
        request,
        "tidsregistrering/eksport.html",
        {"form": form, "title": _("Eksport af tidsregistreringer")},
        status=400 if form.is_bound and form.errors else 200,
    )


CSV_KOLONNER = [
    "forloeb_id",
    "borger",
    "team",
    "mentor",
    "aar",
    "uge",
    "uge_start",
    "minutter_i_alt",
    "timer",
    "antal_kontakter",
    "kontaktformer",
    "ingen_kontakt_aarsag",
    "registreret",
    "godkendt",
    "godkendt_af",
]


def _csv(request, qs, data) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="tidsregistrering-{stamp}.csv"'
    response.write("\ufeff")  # BOM so Excel reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_KOLONNER)
    antal = 0
    for r in qs.iterator(chunk_size=2000):
        kontakter = list(r.kontakter.all())
        writer.writerow(
            raekke(
                [
                    r.forloeb_id,
                    r.forloeb.borger.navn,
                    r.forloeb.team.navn,
                    r.mentor.navn,
                    r.aar,
                    r.uge,
                    r.uge_start.isoformat(),
                    r.minutter_i_alt,
                    f"{r.minutter_i_alt / 60:.2f}".replace(".", ","),
                    len(kontakter),
                    ",".join(sorted({k.form for k in kontakter})),
                    r.ingen_kontakt_aarsag,
                    timezone.localtime(r.registreret).strftime("%Y-%m-%d %H:%M"),
                    timezone.localtime(r.godkendt).strftime("%Y-%m-%d %H:%M") if r.godkendt else "",
                    r.godkendt_af.get_full_name() if r.godkendt_af else "",
                ]
            )
        )
        antal += 1
    filters = [
        f"fra {data['fra']:%d.%m.%Y}" if data["fra"] else "",
        f"til {data['til']:%d.%m.%Y}" if data["til"] else "",
        f"team {data['team'].pk}" if data["team"] else "",
        f"mentor {data['mentor'].pk}" if data["mentor"] else "",
    ]
    request.adgang.noter_visning(
        Handling.EKSPORT,
        beskrivelse=(
            _("Tidsregistreringer, %(antal)s rækker") % {"antal": antal}
            + "".join(f", {f}" for f in filters if f)
        )[:200],
    )
    return response
