"""The caseworker's screens: find a citizen, the citizen page, the new-course flow, the
course page with its actions, "Min arbejdsliste", the course list and the agreement.

Views are thin: read through forloeb.selectors (scoped; a miss is a 404), write through
forloeb.services (which also decide 403), and put a service refusal on the form.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adgang import Handling, uden_persondata, viser_oversigt, viser_persondata
from core.http import client_ip
from organisation import permissions
from organisation.models import Rolle, Team

from .. import pdf, selectors, services
from ..forms import (
    AfslutForm,
    AnnullerKladdeForm,
    BorgerForm,
    CprSoegForm,
    ForloebFilterForm,
    FuldfoerAfslutningForm,
    MentorValgForm,
    MoedeForm,
    NavnSoegForm,
    NytForloebForm,
    OpfoelgningForm,
    PeriodeForm,
    RedigerForloebForm,
    ResultatForm,
    TimeaendringForm,
    UdleveringForm,
    vis_servicefejl,
)
from ..models import Mentor, MentorType, Specialisering, Status
from ..timer import formater_timer

SIDESTOERRELSE = 25


def _kald(form, service: Callable, **kwargs):
    """Run a service; on refusal put its messages on the form and return None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        vis_servicefejl(form, exc)
        return None


def _sagsbehandler_for(request, pk: int):
    """A course the user can see (else 404) and acts on as caseworker (else 403); opening
    an action page is a look at the course."""
    forloeb = selectors.hent_forloeb_enkelt(request.user, pk)
    if not permissions.is_case_worker_for(request.user, forloeb):
        raise PermissionDenied
    if request.method == "GET":
        request.adgang.noter_visning(
            Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse=request.resolver_match.url_name
        )
    return forloeb


# --- Find borger ---------------------------------------------------------------------------


@login_required
@viser_oversigt
def borger_soeg(request):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    navn_form = NavnSoegForm(request.GET or None)
    cpr_form = CprSoegForm(request.POST or None)
    resultater = None
    if request.method == "POST":
        if cpr_form.is_valid():
            try:
                borger = selectors.find_borger_cpr(
                    request.user, cpr_form.cleaned_data["cpr_nummer"]
                )
            except ValidationError as exc:
                cpr_form.add_error("cpr_nummer", exc)
            else:
                request.adgang.noter_visning(
                    Handling.SOEG_CPR,
                    borger=borger,
                    beskrivelse=_("Fundet") if borger else _("Ikke fundet"),
                )
                resultater = [borger] if borger else []
                cpr_form = CprSoegForm()  # do not echo the number back into the page
    elif navn_form.is_valid() and navn_form.cleaned_data["q"]:
        resultater = selectors.soeg_borgere_navn(request.user, navn_form.cleaned_data["q"])
    return render(
        request,
        "forloeb/borger_soeg.html",
        {
            "title": _("Find borger"),
            "navn_form": navn_form if request.method == "GET" else NavnSoegForm(),
            "cpr_form": cpr_form,
            "resultater": resultater,
        },
    )


@login_required
@uden_persondata
def borger_opret(request):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    form = BorgerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        borger = _kald(form, services.opret_borger, user=request.user, **data)
        if borger:
            messages.success(request, _("Borgeren er oprettet."))
            return redirect("forloeb:borger_detalje", pk=borger.pk)
    return render(request, "forloeb/borger_opret.html", {"title": _("Opret borger"), "form": form})


@login_required
@viser_persondata
def borger_detalje(request, pk: int):
    borger = selectors.hent_borger(request.user, pk)
    request.adgang.noter_visning(Handling.VIS_BORGER, borger=borger)
    return render(
        request,
        "forloeb/borger_detalje.html",
        {
            "title": borger.navn,
            "borger": borger,
            "overblik": selectors.borger_overblik(request.user, borger),
            "problemomraader": selectors.problemomraader_for(request.user, borger),
            "kan_afsloere_cpr": permissions.may_reveal_cpr(request.user),
            "kan_oprette_forloeb": permissions.has_role(request.user, Rolle.SAGSBEHANDLER),
        },
    )


@login_required
@require_POST
@uden_persondata
def borger_cpr(request, pk: int):
    """Reveal the full CPR number (logged by the service)."""
    borger = selectors.hent_borger(request.user, pk)
    nummer = services.afsloer_cpr(user=request.user, borger=borger, ip=client_ip(request))
    context = {"title": _("CPR-nummer"), "borger": borger, "cpr_nummer": nummer}
    if request.headers.get("HX-Request"):
        return render(request, "forloeb/_cpr.html", context)
    return render(request, "forloeb/borger_cpr.html", context)


# --- New course: citizen -> content -> mentor -> first period -> agreement --------------


@login_required
@viser_persondata
def forloeb_opret(request, borger_pk: int):
    permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
    borger = selectors.hent_borger(request.user, borger_pk)
    request.adgang.noter_visning(Handling.VIS_BORGER, borger=borger, beskrivelse=_("Nyt forløb"))
    form = NytForloebForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        forloeb = _kald(
            form,
            services.opret_forloeb,
            user=request.user,
            borger=borger,
            team=form.cleaned_data["team"],
            **form.service_data(),
        )
        if forloeb:
            messages.success(request, _("Forløbet er oprettet som kladde. Vælg en mentor."))
            return redirect("forloeb:forloeb_mentor", pk=forloeb.pk)
    return render(
        request,
        "forloeb/forloeb_opret.html",
        {"title": _("Nyt forløb"), "borger": borger, "form": form, "trin": 1},
    )


def _mentor_rows(mentorer) -> list[dict]:
    labels = dict(Specialisering.choices)
    types = dict(MentorType.choices)
    rows = []
    for m in mentorer:
        rows.append(
            {
                "mentor": m,
                "type": types.get(m.type, m.type),
                "specialiseringer": [labels.get(s, s) for s in m.specialiseringer],
                "belastning": m.belastning,
                "fuld": m.belastning >= m.kapacitet,
                "kraever_begrundelse": (not m.aktiv) or m.belastning >= m.kapacitet,
            }
        )
    return rows


@login_required
@viser_persondata
def forloeb_mentor(request, pk: int):
    """Choose the course's mentor (first assignment) or change it (with a reason)."""
    forloeb = _sagsbehandler_for(request, pk)
    skifte = forloeb.mentor_id is not None
    mentorer = selectors.mentorer_til_valg(request.user)
    form = MentorValgForm(
        request.POST or None,
        mentorer=mentorer,
        skifte=skifte,
        bevilget=forloeb.status == Status.AKTIV,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tilknytning = _kald(
            form,
            services.tildel_mentor,
            user=request.user,
            forloeb=forloeb,
            mentor=data["mentor"],
            fra=data.get("fra"),
            begrundelse=data.get("begrundelse", ""),
            tilsidesaet_begrundelse=data.get("tilsidesaet_begrundelse", ""),
            kvalifikationer=data.get("kvalifikationer", ""),
            ud_over_normalt=data.get("ud_over_normalt", ""),
        )
        if tilknytning:
            if forloeb.status == Status.KLADDE and not forloeb.bevillinger.exists():
                messages.success(request, _("Mentoren er tilknyttet. Bevilg første periode."))
                return redirect("forloeb:forloeb_periode", pk=forloeb.pk)
            messages.success(request, _("Mentoren er skiftet."))
            return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)
    valgt = form["mentor"].value()
    return render(
        request,
        "forloeb/forloeb_mentor.html",
        {
            "title": _("Skift mentor") if skifte else _("Vælg mentor"),
            "forloeb": forloeb,
            "form": form,
            "rows": _mentor_rows(mentorer),
            "valgt": str(valgt) if valgt else "",
            "skifte": skifte,
            "trin": 2,
        },
    )


@login_required
@viser_persondata
def forloeb_periode(request, pk: int):
    """Grant a period: the first one in the new-course flow, or a new one after assessment."""
    forloeb = _sagsbehandler_for(request, pk)
    sidste = forloeb.bevillinger.order_by("-slut").first()
    foerste = sidste is None
    if foerste:
        start = timezone.localdate()
        initial = {"start": start}
    else:
        start = sidste.slut + timezone.timedelta(days=1)
        initial = {
            "start": start,
            "timer_pr_uge": selectors.timer_gaeldende_paa(forloeb, sidste.slut),
            "kvalifikationer": sidste.kvalifikationer,
        }
    initial["slut"] = services.seneste_slutdato(start)
    form = PeriodeForm(request.POST or None, initial=initial, foerste=foerste)
    if request.method == "POST" and form.is_valid():
        bevilling = _kald(
            form,
            services.bevilg_periode,
            user=request.user,
            forloeb=forloeb,
            **form.cleaned_data,
        )
        if bevilling:
            messages.success(
                request,
                _("Perioden er bevilget. Gennemgå mentoraftalen og registrér udleveringen."),
            )
            return redirect("forloeb:aftale", pk=bevilling.aftale.pk)
    return render(
        request,
        "forloeb/forloeb_periode.html",
        {
            "title": _("Bevilg første periode") if foerste else _("Bevilg ny periode"),
            "forloeb": forloeb,
            "form": form,
            "foerste": foerste,
            "sidste": sidste,
            "trin": 3,
        },
    )


# --- Course page ---------------------------------------------------------------------------


@login_required
@viser_persondata
def forloeb_detalje(request, pk: int):
    forloeb = selectors.hent_forloeb(request.user, pk)
    request.adgang.noter_visning(Handling.VIS_FORLOEB, forloeb=forloeb)
    today = timezone.localdate()
    aktuel = selectors.aktuel_bevilling(forloeb, today)
    aktuelle_timer = selectors.timer_gaeldende_paa(forloeb, today)
    kan_handle = permissions.is_case_worker_for(request.user, forloeb)
    return render(
        request,
        "forloeb/forloeb_detalje.html",
        {
            "title": _("Forløb %(nr)s") % {"nr": forloeb.pk},
            "forloeb": forloeb,
            "borger": forloeb.borger,
            "tidslinje": selectors.tidslinje(forloeb),
            "aktuel": aktuel,
            "aktuelle_timer": formater_timer(aktuelle_timer) if aktuelle_timer else None,
            "bevillinger": list(forloeb.bevillinger.all()),
            "kan_handle": kan_handle,
            "aaben": forloeb.status != Status.AFSLUTTET,
            "afslutning_mangler": _afslutning_mangler(forloeb),
            "se_indhold": kan_handle or permissions.may_see_case_content(request.user, forloeb),
            "se_historik": kan_handle or permissions.may_see_history(request.user, forloeb),
            "se_adgangslog": permissions.may_see_access_log(
                request.user,
                organisation_id=forloeb.organisation_id,
                borger_team_ids=[forloeb.team_id],
            ),
        },
    )


def _afslutning_mangler(forloeb) -> bool:
    afslutning = getattr(forloeb, "afslutning", None)
    return afslutning is not None and (
        not afslutning.aarsag
        or afslutning.borger_vurdering is None
        or afslutning.mentor_vurdering is None
    )


@login_required
@viser_persondata
def forloeb_rediger(request, pk: int):
    """Edit purpose, goal and tasks; refused with a message if someone saved meanwhile."""
    forloeb = _sagsbehandler_for(request, pk)
    if request.method == "POST":
        form = RedigerForloebForm(request.POST)
        if form.is_valid():
            opdateret = _kald(
                form,
                services.opdater_forloeb,
                user=request.user,
                forloeb=forloeb,
                version=form.cleaned_data["version"],
                **form.service_data(),
            )
            if opdateret:
                messages.success(request, _("Forløbet er gemt."))
                return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)
    else:
        form = RedigerForloebForm.for_forloeb(forloeb)
    return render(
        request,
        "forloeb/handling.html",
        {
            "title": _("Redigér formål, mål og opgaver"),
            "forloeb": forloeb,
            "form": form,
            "knap": _("Gem"),
        },
    )


def _handling(request, pk: int, *, form_class, title: str, knap: str, kald, besked: str, **kw):
    """One action page on a course: a form, one service call, back to the course page."""
    forloeb = _sagsbehandler_for(request, pk)
    form_kwargs = {"forloeb": forloeb} if form_class is TimeaendringForm else {}
    form = form_class(request.POST or None, initial=kw.get("initial"), **form_kwargs)
    if request.method == "POST" and form.is_valid():
        resultat = _kald(form, kald, user=request.user, forloeb=forloeb, **form.cleaned_data)
        if resultat is not None:
            messages.success(request, besked)
            return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)
    return render(
        request,
        "forloeb/handling.html",
        {"title": title, "forloeb": forloeb, "form": form, "knap": knap, "intro": kw.get("intro")},
    )


def _aendr_timer(*, user, forloeb, bevilling, **data):
    if bevilling.forloeb_id != forloeb.pk:
        raise PermissionDenied
    return services.aendr_timer(user=user, bevilling=bevilling, **data)


@login_required
@viser_persondata
def forloeb_timer(request, pk: int):
    return _handling(
        request,
        pk,
        form_class=TimeaendringForm,
        title=_("Ændr timer"),
        knap=_("Registrér timeændring"),
        kald=_aendr_timer,
        besked=_("Timeændringen er registreret som en afgørelse."),
        initial={"gaelder_fra": timezone.localdate()},
        intro=_("En ændring af timer inden for en periode er en selvstændig afgørelse."),
    )


@login_required
@viser_persondata
def forloeb_moede(request, pk: int):
    return _handling(
        request,
        pk,
        form_class=MoedeForm,
        title=_("Registrér møde"),
        knap=_("Gem møde"),
        kald=services.registrer_moede,
        besked=_("Mødet er registreret."),
        initial={"dato": timezone.localdate()},
    )


@login_required
@viser_persondata
def forloeb_opfoelgning(request, pk: int):
    return _handling(
        request,
        pk,
        form_class=OpfoelgningForm,
        title=_("Opfølgning på levering"),
        knap=_("Gem opfølgning"),
        kald=services.registrer_opfoelgning,
        besked=_("Opfølgningen er registreret."),
        initial={"dato": timezone.localdate()},
        intro=_("Er indsatsen leveret, og har kontakten svaret til de bevilgede timer?"),
    )


@login_required
@viser_persondata
def forloeb_afslut(request, pk: int):
    return _handling(
        request,
        pk,
        form_class=AfslutForm,
        title=_("Afslut forløb"),
        knap=_("Afslut forløbet"),
        kald=services.afslut_forloeb,
        besked=_("Forløbet er afsluttet."),
        initial={"dato": timezone.localdate()},
        intro=_("Afslutning kræver en årsag og både borgerens og mentorens vurdering."),
    )


@login_required
@viser_persondata
def forloeb_fuldfoer_afslutning(request, pk: int):
    """Complete an end recorded without its reason or ratings (AFSLUTNING_UFULDSTAENDIG)."""
    forloeb = _sagsbehandler_for(request, pk)
    afslutning = getattr(forloeb, "afslutning", None)
    if afslutning is None:
        raise Http404
    form = FuldfoerAfslutningForm(request.POST or None, afslutning=afslutning)
    gemt = (
        request.method == "POST"
        and form.is_valid()
        and _kald(
            form,
            services.fuldfoer_afslutning,
            user=request.user,
            forloeb=forloeb,
            **form.cleaned_data,
        )
    )
    if gemt:
        messages.success(request, _("Afslutningen er fuldført."))
        return redirect("forloeb:forloeb_detalje", pk=forloeb.pk)
    return render(
        request,
        "forloeb/handling.html",
        {
            "title": _("Fuldfør afslutningen"),
            "forloeb": forloeb,
            "form": form,
            "knap": _("Gem"),
            "intro": _("Udfyld det, der mangler i afslutningen. Ændringen gemmes i historikken."),
        },
    )


@login_required
@viser_persondata
def forloeb_annuller(request, pk: int):
    """Cancel a draft that will not be granted."""
    return _handling(
        request,
        pk,
        form_class=AnnullerKladdeForm,
        title=_("Annullér kladde"),
        knap=_("Annullér kladden"),
        kald=services.annuller_kladde,
        besked=_("Kladden er annulleret."),
        intro=_("Kladden fjernes fra arbejdslisten og ventelisten. Begrundelsen gemmes."),
    )


@login_required
@viser_persondata
def forloeb_resultat(request, pk: int):
    return _handling(
        request,
        pk,
        form_class=ResultatForm,
        title=_("Registrér resultat"),
        knap=_("Gem resultat"),
        kald=services.registrer_resultat,
        besked=_("Resultatet er registreret."),
        intro=_("Resultatet 3, 6 og 12 måneder efter afslutningen."),
    )


# --- Lists ---------------------------------------------------------------------------------


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
    )
    side = Paginator(qs, SIDESTOERRELSE).get_page(request.GET.get("side"))
    params = request.GET.copy()
    params.pop("side", None)
    return render(
        request,
        "forloeb/forloeb_liste.html",
        {"title": _("Forløb"), "form": form, "side": side, "params": params.urlencode()},
    )


# --- Agreement -----------------------------------------------------------------------------


def _aftale_for(request, pk: int):
    aftale = selectors.hent_aftale(request.user, pk)
    if not permissions.may_see_case_content(request.user, aftale.bevilling.forloeb):
        raise PermissionDenied
    return aftale


@login_required
@viser_persondata
def aftale(request, pk: int):
    aftale = _aftale_for(request, pk)
    forloeb = aftale.bevilling.forloeb
    form = UdleveringForm(
        initial={
            "udleveret": aftale.udleveret or timezone.localdate(),
            "udleveringsmaade": aftale.udleveringsmaade,
        }
    )
    return _aftale_side(request, aftale, forloeb, form)


def _aftale_side(request, aftale, forloeb, form, status=200):
    request.adgang.noter_visning(
        Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse=_("Mentoraftale")
    )
    return render(
        request,
        "forloeb/aftale.html",
        {
            "title": _("Mentoraftale"),
            "aftale": aftale,
            "timer_tekst": formater_timer(aftale.timer_pr_uge),
            "forloeb": forloeb,
            "borger": forloeb.borger,
            "form": form,
            "kan_handle": permissions.is_case_worker_for(request.user, forloeb),
        },
        status=status,
    )


@login_required
@require_POST
@viser_persondata
def aftale_udlever(request, pk: int):
    aftale = _aftale_for(request, pk)
    forloeb = aftale.bevilling.forloeb
    form = UdleveringForm(request.POST)
    if form.is_valid():
        resultat = _kald(
            form,
            services.udlever_aftale,
            user=request.user,
            aftale=aftale,
            dato=form.cleaned_data["udleveret"],
            maade=form.cleaned_data["udleveringsmaade"],
        )
        if resultat:
            messages.success(request, _("Udleveringen er registreret."))
            return redirect("forloeb:aftale", pk=aftale.pk)
    return _aftale_side(request, aftale, forloeb, form)


@login_required
@viser_persondata
def aftale_pdf(request, pk: int):
    aftale = _aftale_for(request, pk)
    forloeb = aftale.bevilling.forloeb
    request.adgang.noter_visning(
        Handling.EKSPORT, forloeb=forloeb, beskrivelse=_("Mentoraftale som PDF")
    )
    response = HttpResponse(pdf.mentoraftale_pdf(aftale), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mentoraftale-{aftale.pk}.pdf"'
    return response
