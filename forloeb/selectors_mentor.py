"""Reads for the mentor's and the mentor coordinator's screens.

Every function is scoped through organisation.permissions; a row the user may not see is
simply not in the queryset, so views turn a guessed id into a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone

from organisation import permissions
from organisation.models import User

from .models import (
    Arbejdspunkt,
    Arbejdspunktstatus,
    Emne,
    Forloeb,
    Mentor,
    Mentortilknytning,
    Progressionsvurdering,
    Specialisering,
    Status,
    Statusrapport,
    Vurderer,
)
from .selectors import synlige_koder, synlige_problemomraader

EMNE_LABELS = dict(Emne.choices)
SPECIALISERING_LABELS = dict(Specialisering.choices)

# Which mentor specialisation answers which problem area (used to suggest mentors).
SPECIALISERING_FOR_EMNE = {
    Emne.MISBRUG: Specialisering.MISBRUG,
    Emne.HELBRED: Specialisering.PSYKISK_SAARBARHED,
    Emne.OEKONOMI: Specialisering.OEKONOMI,
    Emne.STRUKTUR: Specialisering.ADHD_AUTISME,
    Emne.MOEDESTABILITET: Specialisering.ADHD_AUTISME,
    Emne.AFTALER: Specialisering.ADHD_AUTISME,
    Emne.UDDANNELSE: Specialisering.UNGE,
}
UNG_ALDER = 30


def specialisering_labels(koder) -> list[str]:
    return [SPECIALISERING_LABELS.get(k, k) for k in koder]


# --- Mentor: "Mine borgere" ------------------------------------------------------------


def _mine_forloeb_base(user: User):
    """Courses this user has ever been mentor on (through a Mentor profile), own org only."""
    return Forloeb.objects.synlige_for(user).filter(
        organisation_id=user.organisation_id,
        pk__in=Forloeb.objects.filter(tilknytninger__mentor__bruger=user).values("pk"),
    )


def mentorens_forloeb(user: User, fra: date, til: date):
    """A mentor's citizens between two days: courses past the draft where her assignment
    overlaps [fra, til] and that had not ended before `fra`. The one answer to "who are my
    citizens" — "Mine borgere" asks for today, Min uge for the weeks it shows."""
    mine = Mentortilknytning.objects.filter(mentor__bruger=user, fra__lte=til).exclude(til__lt=fra)
    return (
        _mine_forloeb_base(user)
        .filter(pk__in=mine.values("forloeb_id"))
        .exclude(status=Status.KLADDE)
        .exclude(afslutning__dato__lt=fra)
    )


def _med_overblik(qs):
    seneste_rapport = Statusrapport.objects.filter(forloeb=OuterRef("pk")).order_by("-dato", "-pk")
    aktive_punkter = (
        Arbejdspunkt.objects.filter(forloeb=OuterRef("pk"), status=Arbejdspunktstatus.AKTIV)
        .order_by()
        .values("forloeb")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        qs.med_aktuel_periode()
        .select_related("borger", "sagsbehandler", "team")
        .annotate(
            seneste_statusrapport=Subquery(seneste_rapport.values("dato")[:1]),
            antal_aktive_arbejdspunkter=Subquery(aktive_punkter),
        )
    )


def mine_borgere(user: User) -> tuple[list[Forloeb], list[Forloeb]]:
    """(current citizens, earlier citizens) of the mentor; two queries whatever the rows.
    Current: `mentorens_forloeb` today and not ended. Earlier: the rest of her courses,
    where she keeps only the weeks she registered."""
    idag = timezone.localdate()
    aktuelle_ids = mentorens_forloeb(user, idag, idag).exclude(status=Status.AFSLUTTET)
    base = _mine_forloeb_base(user)
    aktuelle = list(
        _med_overblik(base.filter(pk__in=aktuelle_ids.values("pk"))).order_by("borger__navn", "pk")
    )
    tidligere = list(
        base.exclude(pk__in=aktuelle_ids.values("pk"))
        .med_aktuel_periode()
        .select_related("borger")
        .order_by("-sidste_slut", "pk")
    )
    return aktuelle, tidligere


def mentor_forloeb(user: User, pk: int) -> Forloeb | None:
    """One of my citizens' courses (current or earlier), or None (the view answers 404)."""
    return (
        _mine_forloeb_base(user)
        .med_aktuel_periode()
        .select_related("borger", "sagsbehandler", "team", "mentor")
        .filter(pk=pk)
        .first()
    )


def er_aktuel_mentor(user: User, forloeb: Forloeb) -> bool:
    """Today's mentor of a course that has not ended: she may act on it."""
    return forloeb.status != Status.AFSLUTTET and permissions.is_current_mentor_of(user, forloeb)


def mine_registrerede_uger(user: User, forloeb: Forloeb):
    """The weeks a (former) mentor registered on a course, newest first."""
    return (
        forloeb.ugeregistreringer.filter(mentor__bruger=user)
        .prefetch_related("kontakter")
        .order_by("-uge_start")
    )


@dataclass
class VurderingsRaekke:
    dato: object
    mentor: Progressionsvurdering | None = None
    borger: Progressionsvurdering | None = None


@dataclass
class ArbejdspunktVisning:
    arbejdspunkt: Arbejdspunkt
    raekker: list[VurderingsRaekke] = field(default_factory=list)


def arbejdspunkter_med_vurderinger(forloeb: Forloeb) -> list[ArbejdspunktVisning]:
    """Work points with mentor and citizen ratings side by side, one row per date.

    Two queries. When a voice rated twice on one date the later entry wins the row.
    """
    punkter = list(forloeb.arbejdspunkter.order_by("oprettet", "pk"))
    vurderinger = Progressionsvurdering.objects.filter(arbejdspunkt__forloeb=forloeb).order_by(
        "dato", "pk"
    )
    pr_punkt: dict[int, dict] = defaultdict(dict)
    for v in vurderinger:
        raekke = pr_punkt[v.arbejdspunkt_id].setdefault(v.dato, VurderingsRaekke(dato=v.dato))
        if v.vurderet_af == Vurderer.MENTOR:
            raekke.mentor = v
        else:
            raekke.borger = v
    return [
        ArbejdspunktVisning(
            arbejdspunkt=p, raekker=sorted(pr_punkt[p.pk].values(), key=lambda r: r.dato)
        )
        for p in punkter
    ]


# --- Coordinator: roster, mentor page, waiting list ------------------------------------


def mentorer_med_belastning(user: User):
    return (
        Mentor.objects.synlige_for(user)
        .med_belastning()
        .select_related("bruger", "leverandoer")
        .order_by("-aktiv", "navn", "pk")
    )


def mentor_for_koordinator(user: User, pk: int) -> Mentor | None:
    return mentorer_med_belastning(user).filter(pk=pk).first()


def mentorens_aktuelle_forloeb(user: User, mentor: Mentor):
    """Course headlines only (team, period, caseworker): no goal, tasks or notes."""
    return (
        Forloeb.objects.synlige_for(user)
        .filter(mentor=mentor)
        .exclude(status=Status.AFSLUTTET)
        .med_aktuel_periode()
        .select_related("borger", "team", "sagsbehandler")
        .only(
            "pk",
            "status",
            "oprettet",
            "borger__navn",
            "team__navn",
            "sagsbehandler__first_name",
            "sagsbehandler__last_name",
            "sagsbehandler__username",
        )
        .order_by("aktuel_slut", "pk")
    )


@dataclass
class VentelistePunkt:
    forloeb: Forloeb
    problemomraader: list[str]
    forslag: list[Mentor]
    dage_paa_venteliste: int


def _relevante_specialiseringer(user: User, forloeb: Forloeb) -> set[str]:
    # Suggestions must not reveal health/misuse areas the user may not see.
    koder = set(synlige_koder(user, forloeb.borger.problemomraader))
    wanted = {SPECIALISERING_FOR_EMNE[k] for k in koder if k in SPECIALISERING_FOR_EMNE}
    if forloeb.borger.alder < UNG_ALDER:
        wanted.add(Specialisering.UNGE)
    return wanted


def _ledige_mentorer(user: User) -> list[Mentor]:
    return list(
        Mentor.objects.synlige_for(user)
        .aktive()
        .med_ledig_kapacitet()
        .annotate(ledige_pladser=F("kapacitet") - F("belastning"))
        .order_by("-ledige_pladser", "navn", "pk")
    )


def _forslag(user: User, forloeb: Forloeb, ledige: list[Mentor], antal: int) -> list[Mentor]:
    wanted = _relevante_specialiseringer(user, forloeb)
    scored = [(len(wanted & set(m.specialiseringer)), m) for m in ledige]
    return [m for score, m in sorted(scored, key=lambda sm: -sm[0]) if score > 0][:antal]


def mentorforslag(user: User, forloeb: Forloeb, antal: int = 3) -> list[Mentor]:
    """The waiting list's suggestions for one course, for the caseworker's mentor step
    (one query: the mentors with room)."""
    return _forslag(user, forloeb, _ledige_mentorer(user), antal)


def venteliste(user: User, antal_forslag: int = 3) -> list[VentelistePunkt]:
    """Courses without a mentor, oldest first, each with mentors that fit and have room.

    Two queries: the courses and the active mentors with free capacity.
    """
    forloeb = list(
        Forloeb.objects.synlige_for(user)
        .uden_mentor()
        .select_related("borger", "team", "sagsbehandler")
        .order_by("oprettet", "pk")
    )
    ledige = _ledige_mentorer(user)
    today = timezone.localdate()
    result = []
    for f in forloeb:
        forslag = _forslag(user, f, ledige, antal_forslag)
        result.append(
            VentelistePunkt(
                forloeb=f,
                problemomraader=synlige_problemomraader(user, f.borger.problemomraader),
                forslag=forslag,
                dage_paa_venteliste=(today - timezone.localdate(f.oprettet)).days,
            )
        )
    return result


def venteforloeb_for_koordinator(user, pk: int):
    """A course on the coordinator's waiting list, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Forloeb.objects.uden_mentor().filter(organisation_id=user.organisation_id), pk=pk
    )
