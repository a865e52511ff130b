"""The course page and the caseworker's actions on it.

Views are thin: read through forloeb.selectors (scoped; a miss is a 404), write through
forloeb.services (which also decide 403), and put a service refusal on the form.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adgang import Handling, viser_persondata
from core.forms import call_service, form_status
from organisation import permissions

from .. import selectors, services
from ..forms import (
    AfslutForm,
    AnnullerKladdeForm,
    FuldfoerAfslutningForm,
    MoedeForm,
    OpfoelgningForm,
    RedigerForloebForm,
    ResultatForm,
    TimeaendringForm,
)
from ..models import Status
from ..timer import formater_timer
from ._faelles import forkert_tilstand, handlingsside, sagsbehandlers_forloeb

AABEN = (Status.KLADDE, Status.AKTIV)
AKTIV = (Status.AKTIV,)
AFSLUTTET = (Status.AFSLUTTET,)


@login_required
@viser_persondata
def forloeb_detalje(request, pk: int):
    forloeb = selectors.hent_forloebsside(request.user, pk)
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
    forloeb = sagsbehandlers_forloeb(request, pk)
    if tilbage := forkert_tilstand(request, forloeb, AABEN):
        return tilbage
    if request.method == "POST":
        form = RedigerForloebForm(request.POST)
        if form.is_valid():
            opdateret = call_service(
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
        status=form_status(form),
    )


def _aendr_timer(*, user, forloeb, bevilling, **data):
    if bevilling.forloeb_id != forloeb.pk:
        raise PermissionDenied
    return services.aendr_timer(user=user, bevilling=bevilling, **data)


@login_required
@viser_persondata
def forloeb_timer(request, pk: int):
    return handlingsside(
        request,
        pk,
        form_class=TimeaendringForm,
        title=_("Ændr timer"),
        knap=_("Registrér timeændring"),
        tilstande=AKTIV,
        kald=_aendr_timer,
        besked=_("Timeændringen er registreret som en afgørelse."),
        initial={"gaelder_fra": timezone.localdate()},
        intro=_("En ændring af timer inden for en periode er en selvstændig afgørelse."),
    )


@login_required
@viser_persondata
def forloeb_moede(request, pk: int):
    return handlingsside(
        request,
        pk,
        form_class=MoedeForm,
        title=_("Registrér møde"),
        knap=_("Gem møde"),
        tilstande=AKTIV,
        kald=services.registrer_moede,
        besked=_("Mødet er registreret."),
        initial={"dato": timezone.localdate()},
    )


@login_required
@viser_persondata
def forloeb_opfoelgning(request, pk: int):
    return handlingsside(
        request,
        pk,
        form_class=OpfoelgningForm,
        title=_("Opfølgning på levering"),
        knap=_("Gem opfølgning"),
        tilstande=AKTIV,
        kald=services.registrer_opfoelgning,
        besked=_("Opfølgningen er registreret."),
        initial={"dato": timezone.localdate()},
        intro=_("Er indsatsen leveret, og har kontakten svaret til de bevilgede timer?"),
    )


@login_required
@viser_persondata
def forloeb_afslut(request, pk: int):
    return handlingsside(
        request,
        pk,
        form_class=AfslutForm,
        title=_("Afslut forløb"),
        knap=_("Afslut forløbet"),
        tilstande=AKTIV,
        kald=services.afslut_forloeb,
        besked=_("Forløbet er afsluttet."),
        initial={"dato": timezone.localdate()},
        intro=_("Afslutning kræver en årsag og både borgerens og mentorens vurdering."),
    )


@login_required
@viser_persondata
def forloeb_fuldfoer_afslutning(request, pk: int):
    """Complete an end recorded without its reason or ratings (AFSLUTNING_UFULDSTAENDIG)."""
    forloeb = sagsbehandlers_forloeb(request, pk)
    if tilbage := forkert_tilstand(request, forloeb, AFSLUTTET):
        return tilbage
    # An ended course may have no end recorded at all (AFSLUTNING_UFULDSTAENDIG says so);
    # the form then asks for its date, from the last period's end.
    afslutning = getattr(forloeb, "afslutning", None)
    initial = {}
    if afslutning is None:
        sidste = forloeb.bevillinger.order_by("-slut").values_list("slut", flat=True).first()
        initial = {"dato": min(sidste, timezone.localdate()) if sidste else None}
    form = FuldfoerAfslutningForm(request.POST or None, afslutning=afslutning, initial=initial)
    gemt = (
        request.method == "POST"
        and form.is_valid()
        and call_service(
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
        status=form_status(form),
    )


@login_required
@viser_persondata
def forloeb_annuller(request, pk: int):
    """Cancel a draft that will not be granted."""
    return handlingsside(
        request,
        pk,
        form_class=AnnullerKladdeForm,
        title=_("Annullér kladde"),
        knap=_("Annullér kladden"),
        tilstande=(Status.KLADDE,),
        kald=services.annuller_kladde,
        besked=_("Kladden er annulleret."),
        intro=_("Kladden fjernes fra arbejdslisten og ventelisten. Begrundelsen gemmes."),
    )


@login_required
@viser_persondata
def forloeb_resultat(request, pk: int):
    return handlingsside(
        request,
        pk,
        form_class=ResultatForm,
        title=_("Registrér resultat"),
        knap=_("Gem resultat"),
        tilstande=AFSLUTTET,
        kald=services.registrer_resultat,
        besked=_("Resultatet er registreret."),
        intro=_("Resultatet 3, 6 og 12 måneder efter afslutningen."),
    )
