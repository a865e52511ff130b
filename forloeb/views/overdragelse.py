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


def _fordeling(request, data, chosen, modtagere) -> dict[int, User]:
    """Each chosen course's receiver: its own choice in the table, else spread evenly
    over the receivers ticked, else the one receiver for all. An id outside the team is
    kept, so that the service refuses it by name."""
    ids = {int(v) for k, v in data.items() if k.startswith("til") and str(v).isdigit()}
    kendte = {
        u.pk: u
        for u in User.objects.filter(organisation_id=request.user.organisation_id, pk__in=ids)
    }
    for f in chosen:
        v = data.get(f"til_{f.pk}", "")
        f.til_valgt = kendte.get(int(v)) if v.isdigit() else None
    fordeling = {f.pk: f.til_valgt for f in chosen if f.til_valgt}
    rest = [f for f in chosen if f.pk not in fordeling]
    if data.get("fordel") == "ligeligt":
        ligeligt = [u for u in modtagere if str(u.pk) in data.getlist("modtagere")]
        fordeling.update(services.fordel_ligeligt(rest, ligeligt))
    else:
        v = data.get("til", "")
        til = kendte.get(int(v)) if v.isdigit() else None
        fordeling.update({f.pk: til for f in rest if til})
    return fordeling


@login_required
@viser_oversigt
def overdragelse(request):
    """A team leader moves a caseworker's open courses to one or more caseworkers of the
    team: choose (per course, one for all, or evenly) -> preview -> one confirmation."""
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
    forloeb = services.sagsbehandlerens_forloeb(user=request.user, fra=fra) if fra else []
    valgte = set(_heltal(data.getlist("forloeb"))) if request.method == "POST" else None
    begrundelse = data.get("begrundelse", "")
    fejl, trin, fordeling = [], "vaelg", {}
    if request.method == "POST":
        chosen = [f for f in forloeb if f.pk in valgte]
        fordeling = _fordeling(request, data, chosen, modtagere)
        if data.get("handling") == "bekraeft" and fra and chosen:
            try:
                flyttet = services.overdrag_forloeb(
                    user=request.user, fra=fra, fordeling=fordeling, begrundelse=begrundelse
                )
            except ValidationError as exc:
                fejl = exc.messages
            else:
                messages.success(
                    request,
                    _("%(n)s forløb er overdraget til %(til)s.")
                    % {
                        "n": len(flyttet),
                        "til": ", ".join(sorted({str(f.sagsbehandler) for f in flyttet})),
                    },
                )
                return redirect("forloeb:overdragelse")
        fejl = fejl or _mangler(data, fra, chosen, fordeling, begrundelse)
        if not fejl:
            trin, forloeb = "bekraeft", chosen
            for f in chosen:
                f.ny = fordeling[f.pk]
    _noter(request, forloeb, _("Overdragelse af forløb"))
    return render(
        request,
        "forloeb/overdragelse.html",
        {
            "title": _("Overdrag forløb"),
            "sagsbehandlere": sagsbehandlere,
            "modtagere": modtagere,
            "fra": fra,
            "til": data.get("til", ""),
            "fordel": data.get("fordel", ""),
            "ligeligt": data.getlist("modtagere"),
            "forloeb": forloeb,
            "valgte": valgte,
            "begrundelse": begrundelse,
            "modtagerliste": _modtagerliste(fordeling) if trin == "bekraeft" else [],
            "fejl": fejl,
            "trin": trin,
        },
        status=400 if fejl else 200,
    )


def _mangler(data, fra, chosen, fordeling, begrundelse) -> list[str]:
    """What keeps the choice from the preview (the service's refusals included)."""
    if fra is None:
        return [_("Vælg hvem forløbene overdrages fra.")]
    if not chosen:
        return [_("Vælg mindst ét forløb.")]
    if data.get("fordel") == "ligeligt" and not data.getlist("modtagere"):
        return [_("Vælg de sagsbehandlere, forløbene fordeles ligeligt mellem.")]
    if not begrundelse.strip():
        return [_("Angiv hvorfor forløbene overdrages.")]
    return services.afvisninger(fra, chosen, fordeling)


def _modtagerliste(fordeling: dict[int, User]) -> list[tuple[User, int, int]]:
    """The preview's summary: each receiver, the courses she gets, her active ones now."""
    antal: dict[int, int] = {}
    for u in fordeling.values():
        antal[u.pk] = antal.get(u.pk, 0) + 1
    brugere = {u.pk: u for u in fordeling.values()}
    aktive = services.aktive_forloeb_pr_sagsbehandler(list(brugere.values()))
    return sorted(
        ((brugere[pk], n, aktive[pk]) for pk, n in antal.items()), key=lambda r: str(r[0])
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
