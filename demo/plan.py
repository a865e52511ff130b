"""What each demo course is, drawn from the table: the same code for every scale.

`tegn` deals the §8 attributes out by quota; the generators then give each plan its
dates (the scale decides how many are active) and turn it into rows. `Korps` is the
mentor pool both generators assign from. Plain Python: no ORM, no database.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from forloeb.models import Formaal, Lovgrundlag, Visitation, Ydelsesgruppe

from . import draw
from . import fordelinger as F


@dataclass
class Forloebsplan:
    ydelse: str
    under_30: bool
    alder: int
    mand: bool
    timer: Decimal
    varighed: int  # planned duration in days
    mentortype: str
    stoettetype: str
    aarsag: str  # reason for ending, used when it ends
    start: date | None = None
    formaal: str = ""
    lovgrundlag: str = Lovgrundlag.GENEREL
    udskrivning: date | None = None
    optagelse: date | None = None

    @property
    def planlagt_slut(self) -> date:
        return self.start + timedelta(days=self.varighed - 1)


def tegn(rng: random.Random, n: int) -> list[Forloebsplan]:
    """n course plans whose shares follow the table (quotas, so they hold at any n)."""
    ydelser = draw.quota(rng, n, F.YDELSE)
    unge = draw.quota(rng, n, F.UNDER_30)
    mand = draw.quota(rng, n, F.MAND)
    timer = draw.bands(rng, n, F.TIMER)
    varighed = draw.bands(rng, n, F.VARIGHED)
    typer = draw.quota(rng, n, {t: m.andel for t, m in F.MENTORTYPER.items()})
    stoette = draw.quota(rng, n, F.STOETTETYPE)
    aarsag = draw.quota(rng, n, F.AFSLUTNINGSAARSAG)
    return [
        Forloebsplan(
            ydelse=ydelser[i],
            under_30=unge[i],
            alder=draw.alder(rng, unge[i]),
            mand=mand[i],
            timer=draw.timer(rng, timer[i]),
            varighed=draw.varighed(rng, varighed[i]),
            mentortype=typer[i],
            stoettetype=stoette[i],
            aarsag=aarsag[i],
        )
        for i in range(n)
    ]


def formaal(rng: random.Random, under_30: bool) -> str:
    return draw.weighted(rng, F.FORMAAL_UNDER_30 if under_30 else F.FORMAAL_30_PLUS)


def visitation(rng: random.Random, plan: Forloebsplan) -> str:
    if plan.ydelse == Ydelsesgruppe.KONTANTHJAELP:
        return Visitation.UDDANNELSESPARAT if plan.under_30 else Visitation.AKTIVITETSPARAT
    return rng.choice([Visitation.JOBPARAT, Visitation.IKKE_KATEGORISERET])


def ret_og_pligt(rng: random.Random, plan: Forloebsplan, visitation_: str) -> bool:
    return (
        plan.ydelse == Ydelsesgruppe.KONTANTHJAELP
        and visitation_ != Visitation.JOBPARAT
        and rng.random() < F.RET_OG_PLIGT
    )


def saet_formaal_og_grundlag(rng: random.Random, plan: Forloebsplan, rop: bool, born: date):
    """Purpose and legal basis; ret og pligt follows the citizen. Education start only
    for a citizen under 30 at admission (opret_forloeb checks it), admitted shortly before
    the first period (bevilg_periode: within 6 months of admission)."""
    plan.formaal = formaal(rng, plan.under_30)
    if rop:
        plan.lovgrundlag = Lovgrundlag.RET_OG_PLIGT
    elif rng.random() < F.PSYKIATRI:
        plan.lovgrundlag = Lovgrundlag.PSYKIATRI
        plan.udskrivning = plan.start + timedelta(
            days=draw.between(rng, F.PSYKIATRI_UDSKRIVNING_DAGE)
        )
    elif plan.formaal == Formaal.UDDANNELSE and rng.random() < F.UDDANNELSESSTART:
        dage = draw.between(rng, F.UDDANNELSESSTART_OPTAGELSE_DAGE)
        optagelse = plan.start - timedelta(days=dage)
        if optagelse < born + relativedelta(years=30):
            plan.lovgrundlag = Lovgrundlag.UDDANNELSESSTART
            plan.optagelse = optagelse


def er_aktiv(rng: random.Random, plan: Forloebsplan, today: date) -> bool:
    """Active when the planned end is still ahead, and for a few whose end passed lately
    but nobody closed them (PERIODE_OVERSKREDET)."""
    slut = plan.planlagt_slut
    if slut >= today:
        return True
    return slut >= today - timedelta(days=F.GLEMT_AFSLUTNING_DAGE) and (
        rng.random() < F.GLEMT_AFSLUTNING
    )


class Genbrug:
    """Citizens whose course has ended, for the quarter who get a new course later (§8)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.frie: list[tuple[date, int, object]] = []  # (ended, order, citizen), sorted
        self.antal = 0

    def afsluttet(self, slut: date, borger) -> None:
        self.antal += 1
        bisect.insort(self.frie, (slut, self.antal, borger))

    def tag(self, start: date):
        """A citizen free since GENBRUG_PAUSE days before `start`, or None."""
        if not self.frie or self.rng.random() >= F.NYT_FORLOEB_SENERE:
            return None
        senest = start - timedelta(days=F.GENBRUG_PAUSE)
        j = bisect.bisect_left(self.frie, (senest,))
        if not j:
            return None
        return self.frie.pop(self.rng.randrange(j))[2]


# --- The mentor pool -----------------------------------------------------------------


def forventet_aktive(aktive: float) -> dict[str, float]:
    """Active courses per mentor type when `aktive` courses follow the table's shares."""
    total = sum(m.andel for m in F.MENTORTYPER.values())
    return {t: aktive * m.andel / total for t, m in F.MENTORTYPER.items()}


def korpsstoerrelse(aktive: dict[str, float]) -> dict[str, int]:
    """Mentors per type: the type's active courses over the citizens such a mentor
    typically carries (at least one of each type that has courses)."""
    return {
        t: max(1, math.ceil(antal / F.MENTORTYPER[t].belastning)) for t, antal in aktive.items()
    }


def kapacitet(rng: random.Random, mentortype: str) -> int:
    base = F.MENTORTYPER[mentortype].kapacitet
    return base + rng.choice(F.KAPACITET_UDSVING) if base > 10 else base


# How far past capacity the deliberately overloaded mentor is filled.
OVERBELASTNING = 2


@dataclass
class Plads:
    """A mentor in the pool: its id, type, capacity and active courses today."""

    id: int
    type: str
    kapacitet: int
    aktiv: bool = True
    belastning: int = 0
    bruger: int | None = None


class Korps:
    """The mentors of one organisation and how many active courses each has today.

    Mirrors forloeb.services.tildel_mentor: an inactive mentor or one at capacity is
    only assigned with a written override, so the pool picks among active mentors with
    free capacity and falls back to the reserve types, then to `overbelastet` (the one
    mentor the demo deliberately overloads, MENTOR_OVERBELASTET)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.efter_type: dict[str, list[Plads]] = {}
        self.alle: dict[int, Plads] = {}
        self.overbelastet: Plads | None = None

    def tilfoej(self, plads: Plads) -> Plads:
        self.efter_type.setdefault(plads.type, []).append(plads)
        self.alle[plads.id] = plads
        return plads

    def fri(self, plads: Plads) -> bool:
        graense = plads.kapacitet + (OVERBELASTNING if plads is self.overbelastet else 0)
        return plads.aktiv and plads.belastning < graense

    def vaelg(self, mentortype: str, *, undtagen: int | None = None) -> Plads:
        """A mentor for a course active today (one with free capacity)."""
        for t in (mentortype, *F.MENTOR_RESERVE):
            frie = [p for p in self.efter_type.get(t, ()) if p.id != undtagen and self.fri(p)]
            if frie:
                return self.rng.choice(frie)
        if self.overbelastet is not None and self.overbelastet.id != undtagen:
            return self.overbelastet
        return self.rng.choice([p for p in self.alle.values() if p.id != undtagen])

    def til_forloeb(self, mentortype: str, *, aktiv: bool, skift: bool) -> list[Plads]:
        """The course's mentors in order (two when it changes mentor); the last one of an
        active course is today's mentor and counts against its capacity."""
        if not skift:
            pladser = [self.vaelg(mentortype) if aktiv else self.tidligere(mentortype)]
        else:
            foerste = self.tidligere(mentortype)
            anden = (self.vaelg if aktiv else self.tidligere)(mentortype, undtagen=foerste.id)
            pladser = [foerste, anden]
        if aktiv:
            pladser[-1].belastning += 1
        return pladser

    def tidligere(self, mentortype: str, *, undtagen: int | None = None) -> Plads:
        """A mentor for a course that has ended (today's capacity does not matter)."""
        for t in (mentortype, *F.MENTOR_RESERVE):
            kandidater = [p for p in self.efter_type.get(t, ()) if p.id != undtagen]
            if kandidater:
                return self.rng.choice(kandidater)
        return self.rng.choice([p for p in self.alle.values() if p.id != undtagen])

    def udtraedende(self) -> list[Plads]:
        """The INAKTIV_MENTOR share who leave once the courses are dealt out, among those
        without an active course (tildel_mentor gives an inactive mentor none)."""
        ledige = [p for p in self.alle.values() if p.belastning == 0 and p is not self.overbelastet]
        antal = min(len(ledige), round(len(self.alle) * F.INAKTIV_MENTOR))
        valgte = self.rng.sample(ledige, antal)
        for p in valgte:
            p.aktiv = False
        return valgte
