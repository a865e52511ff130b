"""Hand-over screens: the team leader moves a caseworker's courses, the coordinator a
leaving mentor's. Each is choose -> preview -> one confirmation; the services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.adgang import Handling, viser_oversigt
from organisation import permissions
from organisation.models import Rolle, User

from .. import selectors_mentor as sel
from .. import services
from ..models import Mentor


def _heltal(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


def _noter(request, forloeb, beskrivelse) -> None:
    for f in forloeb:
        request.adgang.noter_visning(Handling.VIS_BORGER, forloeb=f, beskrivelse=beskrivelse)


@login_required
@viser_oversigt
def overdragelse(request):
    """A team leader moves a caseworker's open courses to a caseworker of the team."""
    permissions.require_role(request.user, Rolle.TEAMLEDER)
    teams = permissions.ledede_team_ids(request.user)
    sagsbehandlere = list(
        User.objects.med_rolle(Rolle.SAGSBEHANDLER)
        .filter(organisation_id=request.user.organisation_id, teams__in=teams)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    data = request.POST if request.method == "POST" else request.GET
    fra = next((u for u in sagsbehandlere if str(u.pk) == data.get("fra")), None)
    modtagere = [u for u in sagsbehandlere if u.is_active and u != fra]
    til = next((u for u in modtagere if str(u.pk) == data.get("til")), None)
    forloeb = services.sagsbehandlerens_forloeb(user=request.user, fra=fra) if fra else []
    valgte = set(_heltal(data.getlist("forloeb"))) if request.method == "POST" else None
    begrundelse = data.get("begrundelse", "")
    fejl, trin = [], "vaelg"
    if request.method == "POST":
        chosen = [f for f in forloeb if f.pk in valgte]
        if data.get("handling") == "bekraeft":
            try:
                flyttet = (
                    services.overdrag_forloeb(
                        user=request.user,
                        fra=fra,
                        til=til,
                        begrundelse=begrundelse,
                        forloeb_ids=[f.pk for f in chosen],
                    )
                    if fra and til
                    else None
                )
            except ValidationError as exc:
                fejl = exc.messages
            else:
                if flyttet:
                    messages.success(
                        request,
                        _("%(n)s forløb er overdraget til %(til)s.")
                        % {"n": len(flyttet), "til": til},
                    )
                    return redirect("forloeb:overdragelse")
        if fra is None or til is None:
            fejl.append(_("Vælg hvem forløbene overdrages fra og til."))
        elif not chosen:
            fejl.append(_("Vælg mindst ét forløb."))
        elif not begrundelse.strip():
            fejl.append(_("Angiv hvorfor forløbene overdrages."))
        elif not fejl:
            trin, forloeb = "bekraeft", chosen
    _noter(request, forloeb, _("Overdragelse af forløb"))
    return render(
        request,
        "forloeb/overdragelse.html",
        {
            "title": _("Overdrag forløb"),
            "sagsbehandlere": sagsbehandlere,
            "modtagere": modtagere,
            "fra": fra,
            "til": til,
            "forloeb": forloeb,
            "valgte": valgte,
            "begrundelse": begrundelse,
            "fejl": fejl,
            "trin": trin,
        },
    )


@login_required
@viser_oversigt
def mentor_overdrag(request, pk: int):
    """The coordinator moves each of a leaving mentor's courses to a new mentor."""
    permissions.require_role(request.user, Rolle.MENTORKOORDINATOR)
    mentor = sel.mentor_for_koordinator(request.user, pk)
    if mentor is None:
        raise Http404
    forloeb = services.mentorens_forloeb(user=request.user, mentor=mentor)
    andre = list(
        Mentor.objects.med_belastning()
        .filter(organisation_id=request.user.organisation_id, aktiv=True)
        .exclude(pk=mentor.pk)
        .order_by("navn")
    )
    data = request.POST if request.method == "POST" else {}
    valg = {m.pk: m for m in andre}
    fordeling = {}
    for f in forloeb:
        ny = data.get(f"mentor_{f.pk}", "")
        f.valgt = int(ny) if ny.isdigit() else None
        if f.valgt in valg:
            fordeling[f.pk] = valg[f.valgt]
    felter = {
        k: data.get(k, "") for k in ("begrundelse", "kvalifikationer", "tilsidesaet_begrundelse")
    }
    fejl, trin, flytninger = [], "vaelg", []
    if request.method == "POST":
        if data.get("handling") == "bekraeft":
            try:
                services.overdrag_mentorforloeb(
                    user=request.user, mentor=mentor, fordeling=fordeling, **felter
                )
            except ValidationError as exc:
                fejl = exc.messages
            else:
                messages.success(
                    request,
                    _("%(n)s forløb har fået ny mentor.") % {"n": len(fordeling)},
                )
                return redirect("forloeb:mentor_detalje", pk=mentor.pk)
        if not fordeling:
            fejl.append(_("Vælg en ny mentor til mindst ét forløb."))
        elif not felter["begrundelse"].strip():
            fejl.append(_("Angiv en begrundelse for mentorskiftet."))
        elif not fejl:
            trin = "bekraeft"
            flytninger = services.forhaandsvis_mentorflytning(
                user=request.user, mentor=mentor, fordeling=fordeling
            )
    _noter(request, forloeb, _("Mentorskifte for en mentor, der stopper"))
    return render(
        request,
        "forloeb/koordinator/mentor_overdrag.html",
        {
            "title": _("Flyt %(navn)s' forløb") % {"navn": mentor.navn},
            "mentor": mentor,
            "forloeb": forloeb,
            "andre": andre,
            "flytninger": flytninger,
            "fejl": fejl,
            "trin": trin,
            **felter,
        },
    )
