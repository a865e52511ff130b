"""One demo course through forloeb.services: its timeline (demo.tidslinje) replayed as
the caseworker would, so every rule of the services holds."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from forloeb import services
from forloeb.models import Forloeb, Mentor, MentorType

from .. import plan, tekster
from ..tidslinje import Tidslinje, tidslinje
from .boern import Boern
from .personer import UNGE_TEAM, VOKSEN_TEAM, Personer
from .skala import Skala


def aware(d: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour, 0)))


def start_for(rng: random.Random, p: plan.Forloebsplan, aktiv: bool, today: date, aar: float):
    """Active courses started within their planned duration; ended ones ended within the
    scale's years."""
    if aktiv:
        return today - timedelta(days=rng.randint(0, p.varighed - 1))
    span = int(aar * 365)
    slut = today - timedelta(days=rng.randint(1, max(2, span - p.varighed)))
    return slut - timedelta(days=p.varighed - 1)


class Kurser:
    def __init__(self, personer: Personer, skala: Skala, rng: random.Random, today: date):
        self.p, self.skala, self.rng, self.today = personer, skala, rng, today
        self.boern = Boern(rng)
        self.demo_aktive = 0
        self.demo_tidligere = 0

    # --- the mentor ----------------------------------------------------------------------

    def _demo_mentor(self, p: plan.Forloebsplan, aktiv: bool) -> bool:
        """The demo login "mentor" gets some young citizens, active and former."""
        if plan_team(p) != UNGE_TEAM:
            return False
        if p.mentortype != MentorType.INTERN and self.skala.forloeb >= 100:
            return False
        if aktiv:
            return self.demo_aktive < self.skala.demo_mentor_aktive
        return self.demo_tidligere < self.skala.demo_mentor_tidligere

    def mentorer(self, p: plan.Forloebsplan, aktiv: bool, t: Tidslinje) -> list[Mentor]:
        """The course's mentors in order; the last one holds capacity if it is active."""
        if t.skift is None and self._demo_mentor(p, aktiv):
            if aktiv:
                self.demo_aktive += 1
            else:
                self.demo_tidligere += 1
            return [self.p.demo_mentor]
        pladser = self.p.korps.til_forloeb(p.mentortype, aktiv=aktiv, skift=t.skift is not None)
        return [self.p.mentorer[plads.id] for plads in pladser]

    def _tildel(self, sb, forloeb, mentor: Mentor, fra: date, begrundelse: str = "") -> None:
        # The override tildel_mentor asks for when the mentor is inactive or full.
        over = not mentor.aktiv or services.mentor_belastning(mentor) >= mentor.kapacitet
        tilsidesaet = tekster.SKIFT_OVERRIDE if begrundelse else tekster.MENTOR_OVERRIDE
        services.tildel_mentor(
            user=sb,
            forloeb=forloeb,
            mentor=mentor,
            fra=fra,
            begrundelse=begrundelse,
            tilsidesaet_begrundelse=tilsidesaet if over else "",
            # A change inside a granted period names the new mentor's qualifications.
            kvalifikationer=kvalifikationer(mentor) if begrundelse else "",
        )

    @staticmethod
    def _udlever(sb, bevilling, udlevering: tuple) -> None:
        """Hand out the period's newest agreement version, as the timeline says."""
        dato, maade = udlevering
        if dato is not None:
            nyeste = bevilling.aftaler.order_by("-version").first()
            services.udlever_aftale(user=sb, aftale=nyeste, dato=dato, maade=maade)

    # --- one course ----------------------------------------------------------------------

    def forloeb(self, p: plan.Forloebsplan, aktiv: bool, borger) -> Forloeb:
        rng, today = self.rng, self.today
        team = plan_team(p)
        sb = self.p.sagsbehandler(team)
        plan.saet_formaal_og_grundlag(rng, p, borger.ret_og_pligt, borger.foedselsdato)
        t = tidslinje(rng, p, aktiv, today)
        mentorer = self.mentorer(p, aktiv, t)
        forloeb = services.opret_forloeb(
            user=sb,
            borger=borger,
            team=self.p.teams[team],
            formaal=p.formaal,
            maal=rng.choice(tekster.MAAL[p.formaal]),
            opgaver=rng.choice(tekster.OPGAVER),
            stoettetype=p.stoettetype,
            lovgrundlag=p.lovgrundlag,
            udskrivningsdato=p.udskrivning,
            optagelsesdato=p.optagelse,
            ud_over_normalt=tekster.UD_OVER_NORMALT
            if any(m.type in services.SKAL_GAA_UD_OVER_NORMALT for m in mentorer)
            else "",
        )
        self._tildel(sb, forloeb, mentorer[0], p.start)
        skiftet = len(mentorer) == 1
        bevillinger = []
        for nr, periode in enumerate(t.perioder):
            if not skiftet and periode.start >= t.skift:
                self._skift(sb, forloeb, mentorer[1], t, bevillinger)
                skiftet = True
            bevillinger.append(self._periode(sb, forloeb, p, periode, foerste=nr == 0))
        if not skiftet:
            self._skift(sb, forloeb, mentorer[1], t, bevillinger)
        self.boern.tilfoej(forloeb, sb, t, mentorer)
        if not aktiv:
            self._afslut(sb, forloeb, p, t)
        oprettet = p.start - timedelta(days=rng.randint(5, 30))
        self.boern.oprettet.append(Forloeb(pk=forloeb.pk, oprettet=aware(oprettet)))
        return forloeb

    def _skift(self, sb, forloeb, mentor: Mentor, t: Tidslinje, bevillinger: list) -> None:
        """The change of mentor, and the hand-out of the new agreement version it makes
        for the period running on the day."""
        begrundelse = self.rng.choice(tekster.SKIFTEGRUNDE)
        self._tildel(sb, forloeb, mentor, t.skift, begrundelse=begrundelse)
        for bevilling in bevillinger:
            if bevilling.start < t.skift <= bevilling.slut:
                self._udlever(sb, bevilling, t.skift_udlevering)

    def _periode(self, sb, forloeb, p, periode, *, foerste: bool):
        mentor = forloeb.mentor
        bevilling = services.bevilg_periode(
            user=sb,
            forloeb=forloeb,
            start=periode.start,
            slut=periode.slut,
            timer_pr_uge=p.timer,
            kvalifikationer=kvalifikationer(mentor),
            vurdering="" if foerste else tekster.VURDERING,
            besluttet=periode.besluttet,
        )
        self._udlever(sb, bevilling, (periode.udleveret, periode.maade))
        if periode.timeaendring is not None:
            fra, timer = periode.timeaendring
            services.aendr_timer(
                user=sb,
                bevilling=bevilling,
                gaelder_fra=fra,
                timer_pr_uge=timer,
                begrundelse=tekster.TIMEAENDRING,
            )
            self._udlever(sb, bevilling, periode.timeaendring_udlevering)
        return bevilling

    def _afslut(self, sb, forloeb, p, t: Tidslinje) -> None:
        borger_vurdering, mentor_vurdering = t.afslutning
        services.afslut_forloeb(
            user=sb,
            forloeb=forloeb,
            dato=t.til,
            aarsag=p.aarsag,
            borger_vurdering=borger_vurdering,
            mentor_vurdering=mentor_vurdering,
            exitplan=tekster.EXITPLAN,
        )
        forloeb.refresh_from_db()
        for maaned, resultat in t.resultater:
            services.registrer_resultat(user=sb, forloeb=forloeb, maaned=maaned, resultat=resultat)

    def kladde(self, p: plan.Forloebsplan, borger) -> None:
        """A course waiting for a mentor (the coordinator's waiting list)."""
        rng, team = self.rng, plan_team(p)
        sb = self.p.demo_sb if team == UNGE_TEAM else rng.choice(self.p.sb[VOKSEN_TEAM])
        formaal = plan.formaal(rng, p.under_30)
        forloeb = services.opret_forloeb(
            user=sb,
            borger=borger,
            team=self.p.teams[team],
            formaal=formaal,
            maal=rng.choice(tekster.MAAL[formaal]),
            opgaver=rng.choice(tekster.OPGAVER) if rng.random() < 0.7 else "",
        )
        oprettet = self.today - timedelta(days=rng.randint(1, 45))
        self.boern.oprettet.append(Forloeb(pk=forloeb.pk, oprettet=aware(oprettet)))


def kvalifikationer(mentor: Mentor) -> str:
    return tekster.KVALIFIKATIONER.format(navn=mentor.navn, timer=mentor.mentoruddannelse_timer)


def plan_team(p: plan.Forloebsplan) -> str:
    return UNGE_TEAM if p.under_30 else VOKSEN_TEAM
