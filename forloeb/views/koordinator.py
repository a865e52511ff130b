"""The mentor coordinator's screens: the roster, a mentor's page, create/edit, waiting list.

The coordinator sees course headlines only (team, period, caseworker), never goal, tasks
or notes; health and misuse problem areas only if permissions.may_see_sensitive allows.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adgang import Handling, uden_persondata, viser_oversigt
from core.forms import add_service_errors, form_status
from organisation import permissions
from organisation.models import Rolle

from .. import selectors_mentor as sel
from .. import services as forloeb_services
from .. import services as services_mentor
from ..forms_mentor import MentorForm
from ..models import MentorType, Specialisering


def _require_koordinator(request) -> None:
    permissions.require_role(request.user, Rolle.MENTORKOORDINATOR)


def _get_mentor(request, pk: int):
    mentor = sel.mentor_for_koordinator(request.user, pk)
    if mentor is None:
        raise Http404
    return mentor


@login_required
@uden_persondata
def mentorer(request):
    _require_koordinator(request)
    qs = sel.mentorer_med_belastning(request.user)
    type_filter = request.GET.get("type", "")
    if type_filter in MentorType.values:
        qs = qs.filter(type=type_filter)
    kun_aktive = request.GET.get("aktive") == "1"
    if kun_aktive:
        qs = qs.filter(aktiv=True)
    specialisering = request.GET.get("specialisering", "")
    if specialisering in Specialisering.values:
        qs = qs.filter(specialiseringer__contains=[specialisering])
    kun_ledige = request.GET.get("ledig") == "1"
    if kun_ledige:
        qs = qs.filter(belastning__lt=F("kapacitet"))
    rows = list(qs)
    for m in rows:
        m.specialisering_labels = sel.specialisering_labels(m.specialiseringer)
    return render(
        request,
        "forloeb/koordinator/mentorer.html",
        {
            "title": _("Mentorer"),
            "mentorer": rows,
            "typer": MentorType.choices,
            "type_filter": type_filter,
            "kun_aktive": kun_aktive,
            "specialiseringer": Specialisering.choices,
            "specialisering_filter": specialisering,
            "kun_ledige": kun_ledige,
            "may_manage": permissions.may_manage_mentors(request.user),
        },
    )


@login_required
@viser_oversigt
def mentor_detalje(request, pk: int):
    _require_koordinator(request)
    mentor = _get_mentor(request, pk)
    mentor.specialisering_labels = sel.specialisering_labels(mentor.specialiseringer)
    return render(
        request,
        "forloeb/koordinator/mentor.html",
        {
            "title": mentor.navn,
            "mentor": mentor,
            "forloeb": list(sel.mentorens_aktuelle_forloeb(request.user, mentor)),
            "may_manage": permissions.may_manage_mentors(request.user),
        },
    )


def _mentor_form_view(request, mentor=None):
    _require_koordinator(request)
    if not permissions.may_manage_mentors(request.user):
        raise PermissionDenied
    org = request.user.organisation_id
    if request.method == "POST":
        form = MentorForm(request.POST, organisation_id=org, mentor=mentor)
        if form.is_valid():
            try:
                if mentor is None:
                    saved = services_mentor.opret_mentor(user=request.user, **form.cleaned_data)
                    messages.success(request, _("Mentoren er oprettet."))
                else:
                    saved = services_mentor.opdater_mentor(
                        user=request.user, mentor=mentor, **form.cleaned_data
                    )
                    messages.success(request, _("Mentoren er gemt."))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("forloeb:mentor_detalje", pk=saved.pk)
    else:
        initial = MentorForm.initial_from(mentor) if mentor else None
        form = MentorForm(initial=initial, organisation_id=org, mentor=mentor)
    return render(
        request,
        "forloeb/koordinator/mentor_form.html",
        {
            "title": _("Rediger mentor") if mentor else _("Ny mentor"),
            "form": form,
            "mentor": mentor,
        },
        status=form_status(form),
    )


@login_required
@uden_persondata
def mentor_opret(request):
    return _mentor_form_view(request)


@login_required
@uden_persondata
def mentor_rediger(request, pk: int):
    _require_koordinator(request)
    return _mentor_form_view(request, _get_mentor(request, pk))


@login_required
@viser_oversigt
def venteliste(request):
    _require_koordinator(request)
    liste = sel.venteliste(request.user)
    for punkt in liste.punkter:
        # Name and problem areas of each waiting citizen are a look at that citizen.
        request.adgang.noter_visning(
            Handling.VIS_BORGER, forloeb=punkt.forloeb, beskrivelse=_("Venteliste")
        )
    return render(
        request,
        "forloeb/koordinator/venteliste.html",
        {
            "title": _("Venteliste"),
            "punkter": liste.punkter,
            "mentorer": liste.mentorer,
            "skjulte": liste.skjulte,
        },
    )


def _bekraeft(request, forloeb, mentor, *, fejl=None, begrundelse="", status=200):
    """The confirmation page: who is matched with whom, why, and what she does not meet."""
    request.adgang.noter_visning(
        Handling.VIS_BORGER, forloeb=forloeb, beskrivelse=_("Venteliste, tilknyt mentor")
    )
    vurdering = sel.vurder_mentor(request.user, forloeb, mentor, timezone.localdate())
    return render(
        request,
        "forloeb/koordinator/tildel.html",
        {
            "title": _("Tilknyt mentor"),
            "forloeb": forloeb,
            "mentor": mentor,
            "vurdering": vurdering,
            "kraever_begrundelse": not mentor.aktiv or mentor.belastning >= mentor.kapacitet,
            "fejl": fejl or [],
            "begrundelse": begrundelse,
        },
        status=status,
    )


@login_required
@viser_oversigt
def venteliste_bekraeft(request, pk: int):
    """GET ?mentor=<id>: confirm matching a waiting course with any active mentor."""
    _require_koordinator(request)
    forloeb = sel.venteforloeb_for_koordinator(request.user, pk)
    try:
        mentor_pk = int(request.GET.get("mentor", ""))
    except ValueError:
        messages.error(request, _("Vælg en mentor."))
        return redirect("forloeb:venteliste")
    return _bekraeft(request, forloeb, _get_mentor(request, mentor_pk))


@login_required
@viser_oversigt
def venteliste_tildel(request, pk: int, mentor_pk: int):
    """Match a waiting course with a mentor: GET asks for confirmation, POST assigns."""
    _require_koordinator(request)
    forloeb = sel.venteforloeb_for_koordinator(request.user, pk)
    mentor = _get_mentor(request, mentor_pk)
    if request.method != "POST":
        return _bekraeft(request, forloeb, mentor)
    begrundelse = request.POST.get("tilsidesaet_begrundelse", "")
    try:
        forloeb_services.tildel_mentor(
            user=request.user,
            forloeb=forloeb,
            mentor=mentor,
            tilsidesaet_begrundelse=begrundelse,
        )
    except ValidationError as exc:
        return _bekraeft(
            request, forloeb, mentor, fejl=exc.messages, begrundelse=begrundelse, status=400
        )
    messages.success(
        request,
        _("%(mentor)s er nu mentor for %(borger)s. Sagsbehandleren får besked.")
        % {"mentor": mentor, "borger": forloeb.borger.navn},
    )
    return redirect("forloeb:venteliste")
