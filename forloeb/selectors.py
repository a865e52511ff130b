"""Reads for the forløb screens, always scoped to what the requesting user may see.

A row the user may not see is simply absent from these querysets, so views turn a miss
into a 404 (get_object_or_404) without a separate check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from organisation import permissions
from organisation.models import User

from . import cpr
from .models import (
    Bevilling,
    Borger,
    Forloeb,
    Mentor,
    Mentoraftale,
    Mentortilknytning,
    Status,
)
from .models.choices import FOELSOMME_EMNER, Emne
from .timer import formater_timer, timer_gaeldende, timesegmenter

ARBEJDSLISTE_DAGE = 30


# --- Citizens ------------------------------------------------------------------------------


def borgere(user: User) -> QuerySet[Borger]:
    return Borger.objects.synlige_for(user)


def hent_borger(user: User, pk: int) -> Borger:
    return get_object_or_404(borgere(user), pk=pk)


def soeg_borgere_navn(user: User, tekst: str, limit: int = 50) -> list[Borger]:
    words = (tekst or "").split()
    if not words:
        return []
    qs = borgere(user)
    for word in words:
        qs = qs.filter(navn__icontains=word)
    return list(qs.order_by("navn")[:limit])


def find_borger_cpr(user: User, cpr_nummer: str) -> Borger | None:
    """Exact match on the lookup hash; raises ValidationError for a malformed number."""
    digits = cpr.normalise(cpr_nummer)
    return borgere(user).filter(cpr_hash=cpr.lookup_hash(digits)).first()


def synlige_koder(user: User, koder) -> list[str]:
    """The problem-area or topic codes this user may see: health and substance misuse only
    for the roles that need them (organisation.permissions.may_see_sensitive). The one
    place that hides them — screens, API and exports ask here."""
    sensitive_ok = permissions.may_see_sensitive(user)
    return [k for k in koder if sensitive_ok or k not in FOELSOMME_EMNER]


def synlige_problemomraader(user: User, koder) -> list[str]:
    """Labels of the visible problem areas (see `synlige_koder`)."""
    labels = dict(Emne.choices)
    return [str(labels.get(k, k)) for k in synlige_koder(user, koder)]


def problemomraader_for(user: User, borger: Borger) -> list[str]:
    return synlige_problemomraader(user, borger.problemomraader)


@dataclass
class BorgerOverblik:
    forloeb: list[Forloeb]
    andre_forloeb: list[Forloeb]
    mentorer: list[Mentortilknytning]


def borger_overblik(user: User, borger: Borger) -> BorgerOverblik:
    """Every course and support person of a citizen. Courses outside the user's scope are
    returned as headlines only (team, status) so a caseworker sees a parallel course."""
    alle = list(
        Forloeb.objects.filter(borger=borger)
        .select_related("team", "mentor", "sagsbehandler")
        .med_aktuel_periode()
        .order_by("-oprettet")
    )
    synlige = set(
        Forloeb.objects.synlige_for(user).filter(borger=borger).values_list("pk", flat=True)
    )
    tilknytninger = list(
        Mentortilknytning.objects.filter(forloeb_id__in=synlige)
        .select_related("mentor")
        .order_by("-fra")
    )
    return BorgerOverblik(
        forloeb=[f for f in alle if f.pk in synlige],
        andre_forloeb=[f for f in alle if f.pk not in synlige],
        mentorer=tilknytninger,
    )


# --- Courses -------------------------------------------------------------------------------


def forloeb_for(user: User) -> QuerySet[Forloeb]:
    return Forloeb.objects.synlige_for(user)


def hent_forloebsside(user: User, pk: int) -> Forloeb:
    """The course with everything its page shows, fetched in a fixed number of queries."""
    qs = forloeb_for(user).select_related(
        "borger", "team", "sagsbehandler", "mentor", "afslutning", "afslutning__afsluttet_af"
    )
    qs = qs.prefetch_related(
        Prefetch(
            "bevillinger",
            queryset=Bevilling.objects.select_related("besluttet_af").prefetch_related(
                "timeaendringer", "aftaler"
            ),
        ),
        Prefetch("tilknytninger", queryset=Mentortilknytning.objects.select_related("mentor")),
        "moeder",
        "opfoelgninger__udfoert_af",
        "statusrapporter__mentor",
        "resultater",
        "arbejdspunkter",
    )
    return get_object_or_404(qs, pk=pk)


def hent_forloeb(user: User, pk: int) -> Forloeb:
    """The course row alone, for the action pages (hent_forloebsside fetches the page)."""
    return get_object_or_404(
        forloeb_for(user).select_related("borger", "team", "mentor", "afslutning"), pk=pk
    )


def forloeb_liste(
    user: User,
    *,
    status: str = "",
    team=None,
    mentor=None,
    tekst: str = "",
    sortering: str = "",
) -> QuerySet[Forloeb]:
    qs = (
        forloeb_for(user)
        .select_related("borger", "team", "mentor", "sagsbehandler")
        .med_aktuel_periode()
    )
    if status:
        qs = qs.filter(status=status)
    if team:
        qs = qs.filter(team=team)
    if mentor:
        qs = qs.filter(mentor=mentor)
    tekst = (tekst or "").strip()
    if tekst:
        cond = Q(borger__navn__icontains=tekst)
        if tekst.isdigit():
            cond |= Q(pk=int(tekst))
        qs = qs.filter(cond)
    return qs.order_by(*FORLOEB_SORTERING.get(sortering, FORLOEB_SORTERING[""]))


# The course list's orders (ForloebFilterForm.sortering); pk last keeps pages stable.
FORLOEB_SORTERING = {
    "": ("-oprettet", "-pk"),
    "aeldste": ("oprettet", "pk"),
    "borger": ("borger__navn", "pk"),
    "periode": (F("sidste_slut").asc(nulls_last=True), "pk"),
    "nr": ("pk",),
}


def arbejdsliste(user: User, dage: int = ARBEJDSLISTE_DAGE) -> QuerySet[Forloeb]:
    """My active courses whose last granted period ends within `dage` days."""
    return (
        forloeb_for(user)
        .filter(sagsbehandler=user)
        .periode_udloeber_inden(dage)
        .select_related("borger", "team", "mentor")
        .order_by("sidste_slut", "pk")
    )


NYE_MENTORER_DAGE = 14


def nye_mentorer(user: User, dage: int = NYE_MENTORER_DAGE) -> QuerySet[Mentortilknytning]:
    """Mentors someone else (the coordinator) put on my courses in the last `dage` days."""
    siden = timezone.now() - timedelta(days=dage)
    return (
        Mentortilknytning.objects.filter(
            forloeb__in=forloeb_for(user).filter(sagsbehandler=user),
            til__isnull=True,
            oprettet__gte=siden,
        )
        .exclude(oprettet_af=user)
        .select_related("forloeb__borger", "mentor", "oprettet_af")
        .order_by("-oprettet", "-pk")
    )


def mine_kladder(user: User) -> QuerySet[Forloeb]:
    return (
        forloeb_for(user)
        .filter(sagsbehandler=user, status=Status.KLADDE)
        .select_related("borger", "team", "mentor")
        .order_by("-oprettet")
    )


def mentorer_til_valg(user: User) -> QuerySet[Mentor]:
    """Mentors with their caseload (belastning), active first, most free first."""
    return Mentor.objects.synlige_for(user).med_belastning().order_by("-aktiv", "navn")


def hent_aftale(user: User, pk: int) -> Mentoraftale:
    qs = Mentoraftale.objects.select_related(
        "bevilling",
        "bevilling__forloeb",
        "bevilling__forloeb__borger",
        "bevilling__forloeb__team",
        "bevilling__forloeb__organisation",
        "bevilling__forloeb__sagsbehandler",
        "bevilling__forloeb__mentor",
    ).filter(bevilling__forloeb__in=forloeb_for(user))
    return get_object_or_404(qs, pk=pk)


# --- The course timeline -------------------------------------------------------------------


@dataclass
class Haendelse:
    dato: date
    art: str
    titel: str
    detaljer: list[str]
    indhold: str = ""  # case content (notes); hidden from users without may_see_case_content
    aftale: Mentoraftale | None = None


def tidslinje(forloeb: Forloeb) -> list[Haendelse]:
    """Everything that happened on a course, oldest first, from prefetched relations."""
    from django.utils.translation import gettext as _

    def d(value: date) -> str:
        return f"{value:%d.%m.%Y}"

    events: list[Haendelse] = []
    bevillinger = list(forloeb.bevillinger.all())
    for nr, b in enumerate(bevillinger, start=1):
        detaljer = [
            _("%(start)s–%(slut)s, %(timer)s timer pr. uge")
            % {"start": d(b.start), "slut": d(b.slut), "timer": formater_timer(b.timer_pr_uge)},
            _("Besluttet %(dato)s af %(af)s") % {"dato": d(b.besluttet), "af": b.besluttet_af},
        ]
        events.append(
            Haendelse(
                dato=b.start,
                art="periode",
                titel=_("Bevillingsperiode %(nr)s") % {"nr": nr},
                detaljer=detaljer,
                indhold=b.vurdering,
            )
        )
        for t in b.timeaendringer.all():
            events.append(
                Haendelse(
                    dato=t.gaelder_fra,
                    art="timer",
                    titel=_("Timer ændret til %(timer)s pr. uge")
                    % {"timer": formater_timer(t.timer_pr_uge)},
                    detaljer=[],
                    indhold=t.begrundelse,
                )
            )
        for aftale in sorted(b.aftaler.all(), key=lambda a: a.version):
            events.append(
                Haendelse(
                    dato=aftale.dato,
                    art="aftale",
                    titel=_("Mentoraftale version %(v)s udstedt (%(aarsag)s)")
                    % {"v": aftale.version, "aarsag": aftale.get_aarsag_display().lower()},
                    detaljer=[],
                    aftale=aftale,
                )
            )
            if aftale.udleveret:
                events.append(
                    Haendelse(
                        dato=aftale.udleveret,
                        art="aftale",
                        titel=_("Mentoraftale version %(v)s udleveret") % {"v": aftale.version},
                        detaljer=[aftale.get_udleveringsmaade_display()],
                        aftale=aftale,
                    )
                )
    tilknytninger = list(forloeb.tilknytninger.all())
    for i, t in enumerate(tilknytninger):
        titel = _("Mentor: %(navn)s") % {"navn": t.mentor.navn}
        if i:
            titel = _("Mentorskifte til %(navn)s") % {"navn": t.mentor.navn}
        detaljer = []
        if t.tilsidesat_begrundelse:
            detaljer.append(_("Kapacitet/inaktiv tilsidesat med begrundelse"))
        events.append(
            Haendelse(
                dato=t.fra,
                art="mentor",
                titel=titel,
                detaljer=detaljer,
                indhold="\n".join(x for x in (t.begrundelse, t.tilsidesat_begrundelse) if x),
            )
        )
    for m in forloeb.moeder.all():
        events.append(
            Haendelse(
                dato=m.dato,
                art="moede",
                titel=m.get_type_display(),
                detaljer=[", ".join(m.deltagere_visning)] if m.deltagere else [],
                indhold="\n".join(x for x in (m.referat, m.beslutninger) if x),
            )
        )
    for o in forloeb.opfoelgninger.all():
        detaljer = [
            _("Leveret: %(v)s") % {"v": o.get_leveret_display()},
            _("Kontakt som bevilget: %(v)s")
            % {"v": _("ja") if o.kontakt_som_bevilget else _("nej")},
        ]
        if o.naeste_dato:
            detaljer.append(_("Næste opfølgning %(dato)s") % {"dato": d(o.naeste_dato)})
        events.append(
            Haendelse(
                dato=o.dato,
                art="opfoelgning",
                titel=_("Opfølgning på levering"),
                detaljer=detaljer,
                indhold=o.note,
            )
        )
    for s in forloeb.statusrapporter.all():
        events.append(
            Haendelse(
                dato=s.dato,
                art="status",
                titel=_("Statusrapport fra %(navn)s") % {"navn": s.mentor.navn},
                detaljer=[],
                indhold=s.tekst,
            )
        )
    afslutning = getattr(forloeb, "afslutning", None)
    if afslutning is not None:
        events.append(
            Haendelse(
                dato=afslutning.dato,
                art="afslutning",
                titel=_("Forløbet afsluttet: %(aarsag)s")
                % {"aarsag": afslutning.get_aarsag_display()},
                detaljer=[
                    _("Borgerens vurdering %(b)s/5, mentorens vurdering %(m)s/5")
                    % {"b": afslutning.borger_vurdering, "m": afslutning.mentor_vurdering}
                ],
                indhold=afslutning.exitplan,
            )
        )
    order = {"periode": 0, "mentor": 1, "timer": 2, "aftale": 3}
    events.sort(key=lambda e: (e.dato, order.get(e.art, 9)))
    return events


def aktuel_bevilling(forloeb: Forloeb, dato: date) -> Bevilling | None:
    """The period covering `dato`, else the latest one (from the prefetched periods)."""
    bevillinger = list(forloeb.bevillinger.all())
    for b in bevillinger:
        if b.start <= dato <= b.slut:
            return b
    return bevillinger[-1] if bevillinger else None


def timer_gaeldende_paa(forloeb: Forloeb, dato: date):
    """Weekly hours in force on `dato` (forloeb.timer), from the prefetched periods."""
    return timer_gaeldende(timesegmenter(forloeb.bevillinger.all()), dato)
