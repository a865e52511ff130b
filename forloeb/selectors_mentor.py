"""Reads for the mentor's and the mentor coordinator's screens.

Every function is scoped through organisation.permissions; a row the user may not see is
simply not in the queryset, so views turn a guessed id into a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisation import permissions
from organisation.models import User

from .models import (
    ALDERSINTERVAL,
    Arbejdspunkt,
    Arbejdspunktstatus,
    Bevilling,
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
from .timer import timer_gaeldende, timesegmenter

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
    aktuelle = _med_aktuelle_timer(
        _med_overblik(base.filter(pk__in=aktuelle_ids.values("pk"))).order_by("borger__navn", "pk"),
        idag,
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
    fundet = _med_aktuelle_timer(
        _mine_forloeb_base(user)
        .med_aktuel_periode()
        .select_related("borger", "sagsbehandler", "team", "mentor")
        .filter(pk=pk),
        timezone.localdate(),
    )
    return fundet[0] if fundet else None


def _med_aktuelle_timer(qs, dato: date) -> list[Forloeb]:
    """The rows with `aktuel_timer`: the weekly hours in force on `dato` (forloeb.timer),
    changes of hours included; one query for the periods whatever the rows."""
    rows = list(qs.prefetch_related("bevillinger__timeaendringer"))
    for f in rows:
        f.aktuel_timer = timer_gaeldende(timesegmenter(f.bevillinger.all()), dato)
    return rows


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
class Forslag:
    """A mentor suggested for a waiting course, and why (or what she does not meet)."""

    mentor: Mentor
    grunde: list[str]
    afvigelser: list[str]
    overlap: int

    @property
    def opfylder_oensker(self) -> bool:
        return not self.afvigelser


@dataclass
class VentelistePunkt:
    forloeb: Forloeb
    problemomraader: list[str]
    forslag: list[Forslag]
    dage_paa_venteliste: int
    oensker: list[str] = field(default_factory=list)
    ingen_kapacitet: bool = False


@dataclass
class Venteliste:
    punkter: list[VentelistePunkt]
    # Every active mentor (with her load), for choosing someone not suggested.
    mentorer: list[Mentor]
    # Drafts kept off the list: a second draft for the same citizen, or an old draft
    # with no granted period (each with the reason).
    skjulte: list[tuple[Forloeb, str]]


# A draft with no granted period this long after it was created is taken as abandoned.
OPGIVET_KLADDE_DAGE = 60


def _relevante_specialiseringer(user: User, forloeb: Forloeb) -> set[str]:
    # Suggestions must not reveal health/misuse areas the user may not see.
    koder = set(synlige_koder(user, forloeb.borger.problemomraader))
    wanted = {SPECIALISERING_FOR_EMNE[k] for k in koder if k in SPECIALISERING_FOR_EMNE}
    if forloeb.borger.alder < UNG_ALDER:
        wanted.add(Specialisering.UNGE)
    return wanted


def _mentor_alder(mentor: Mentor, today: date) -> int | None:
    return today.year - mentor.foedselsaar if mentor.foedselsaar else None


def _oensker(borger) -> list[str]:
    wishes = []
    if borger.oensket_koen:
        wishes.append(borger.get_oensket_koen_display())
    if borger.oensket_alder:
        wishes.append(_("Alder: %(alder)s") % {"alder": borger.get_oensket_alder_display()})
    return wishes


def vurder_mentor(user: User, forloeb: Forloeb, mentor: Mentor, today: date) -> Forslag:
    """Why `mentor` fits the course's citizen (her wishes, problem areas, free places) and
    which wishes she does not meet. `mentor` needs `med_belastning`."""
    borger = forloeb.borger
    grunde, afvigelser = [], []
    if borger.oensket_koen:
        if mentor.koen == borger.oensket_koen:
            grunde.append(_("%(koen)s, som borgeren ønsker") % {"koen": mentor.get_koen_display()})
        elif mentor.koen:
            afvigelser.append(
                _("Borgeren ønsker %(oenske)s")
                % {"oenske": borger.get_oensket_koen_display().lower()}
            )
        else:
            afvigelser.append(_("Mentorens køn er ikke oplyst"))
    if borger.oensket_alder:
        fra, til = ALDERSINTERVAL[borger.oensket_alder]
        alder = _mentor_alder(mentor, today)
        ramme = borger.get_oensket_alder_display()
        if alder is None:
            afvigelser.append(_("Mentorens alder er ikke oplyst"))
        elif fra <= alder <= til:
            grunde.append(
                _("%(alder)s år, som ønsket (%(ramme)s)") % {"alder": alder, "ramme": ramme}
            )
        else:
            afvigelser.append(
                _("%(alder)s år – borgeren ønsker %(ramme)s")
                % {"alder": alder, "ramme": ramme.lower()}
            )
    wanted = _relevante_specialiseringer(user, forloeb)
    overlap = sorted(wanted & set(mentor.specialiseringer))
    if overlap:
        grunde.append(
            _("Specialisering: %(s)s")
            % {"s": ", ".join(str(SPECIALISERING_LABELS[x]) for x in overlap)}
        )
    ledig = mentor.kapacitet - mentor.belastning
    if ledig > 0:
        grunde.append(ngettext("%(n)s ledig plads", "%(n)s ledige pladser", ledig) % {"n": ledig})
    else:
        afvigelser.append(
            _("Ingen ledig kapacitet (%(antal)s af %(kapacitet)s)")
            % {"antal": mentor.belastning, "kapacitet": mentor.kapacitet}
        )
    return Forslag(mentor=mentor, grunde=grunde, afvigelser=afvigelser, overlap=len(overlap))


def _skjult_grund(f: Forloeb, sete_borgere: set[int], today: date) -> str:
    if f.borger_id in sete_borgere:
        return _("Borgeren har et andet forløb på ventelisten")
    if (
        f.status == Status.KLADDE
        and not f.har_periode
        and (today - timezone.localdate(f.oprettet)).days > OPGIVET_KLADDE_DAGE
    ):
        return _("Kladde uden bevilling i over %(dage)s dage") % {"dage": OPGIVET_KLADDE_DAGE}
    return ""


def _bedste(user: User, f: Forloeb, ledige: list[Mentor], today: date, antal: int):
    """The best-fitting mentors with room: wishes met first, then problem areas, then
    free places."""
    vurderet = [vurder_mentor(user, f, m, today) for m in ledige]
    vurderet.sort(
        key=lambda v: (
            len(v.afvigelser),
            -v.overlap,
            -(v.mentor.kapacitet - v.mentor.belastning),
            v.mentor.navn,
            v.mentor.pk,
        )
    )
    return vurderet[:antal]


def mentorforslag(user: User, forloeb: Forloeb, antal: int = 3) -> list[Forslag]:
    """The waiting list's suggestions for one course, for the caseworker's mentor step
    (one query: the active mentors with their load)."""
    mentorer = Mentor.objects.synlige_for(user).aktive().med_belastning().order_by("navn", "pk")
    ledige = [m for m in mentorer if m.belastning < m.kapacitet]
    return _bedste(user, forloeb, ledige, timezone.localdate(), antal)


def oensker_til_mentor(borger) -> list[str]:
    """The citizen's wishes for a mentor as short Danish phrases."""
    return _oensker(borger)


def venteliste(user: User, antal_forslag: int = 3) -> Venteliste:
    """Courses without a mentor, oldest first, each with the mentors that fit best among
    those with free capacity (the citizen's wishes first, then problem areas, then free
    places), and why. "No match" only when no active mentor has room.

    Two queries: the courses and the active mentors with their load (the one load
    definition, Mentor.objects.med_belastning).
    """
    forloeb = list(
        Forloeb.objects.synlige_for(user)
        .uden_mentor()
        .annotate(har_periode=Exists(Bevilling.objects.filter(forloeb=OuterRef("pk"))))
        .select_related("borger", "team", "sagsbehandler")
        # A granted course before a draft, then the newest: the one kept for a citizen.
        .order_by("borger_id", "status", "-oprettet", "-pk")
    )
    mentorer = list(
        Mentor.objects.synlige_for(user).aktive().med_belastning().order_by("navn", "pk")
    )
    today = timezone.localdate()
    sete_borgere: set[int] = set()
    skjulte, synlige = [], []
    for f in forloeb:
        grund = _skjult_grund(f, sete_borgere, today)
        sete_borgere.add(f.borger_id)
        if grund:
            skjulte.append((f, grund))
        else:
            synlige.append(f)
    synlige.sort(key=lambda f: (f.oprettet, f.pk))
    ledige = [m for m in mentorer if m.belastning < m.kapacitet]
    punkter = []
    for f in synlige:
        punkter.append(
            VentelistePunkt(
                forloeb=f,
                problemomraader=synlige_problemomraader(user, f.borger.problemomraader),
                forslag=_bedste(user, f, ledige, today, antal_forslag),
                dage_paa_venteliste=(today - timezone.localdate(f.oprettet)).days,
                oensker=_oensker(f.borger),
                ingen_kapacitet=not ledige,
            )
        )
    return Venteliste(punkter=punkter, mentorer=mentorer, skjulte=skjulte)


def venteforloeb_for_koordinator(user, pk: int):
    """A course on the coordinator's waiting list, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Forloeb.objects.uden_mentor()
        .filter(organisation_id=user.organisation_id)
        .select_related("borger", "team", "sagsbehandler"),
        pk=pk,
    )
