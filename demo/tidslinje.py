"""One course's life as dates, from the table: periods, agreements, mentor change,
meetings, reports, follow-ups, work points, end and outcomes. Plain Python.

The service-driven generator replays it through forloeb.services, which enforce every
rule again. The COPY generator writes it as rows, so each rule the services would check
is respected here; the comments name the service rule each step mirrors, and the
database constraints and the national scale test catch drift.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from forloeb.models import Arbejdspunktstatus, Moedetype
from forloeb.services import seneste_slutdato

from . import draw, tekster
from . import fordelinger as F
from .plan import Forloebsplan


@dataclass
class Periode:
    start: date
    slut: date
    besluttet: date
    udleveret: date | None  # hand-out of the grant's agreement (version 1)
    maade: str
    timeaendring: tuple[date, Decimal] | None
    timeaendring_udlevering: tuple[date | None, str] = (None, "")


@dataclass
class Version:
    """One version of a period's agreement: issued on `dato` for `aarsag`, with the mentor
    (0 first, 1 second) and hours in it, and its hand-out."""

    dato: date
    aarsag: str
    mentor_nr: int
    timer: Decimal
    udleveret: date | None
    maade: str


@dataclass
class Punkt:
    titel: str
    status: str
    vurderinger: list[tuple[date, str, int]]  # (date, "mentor"/"borger", score 1-5)


@dataclass
class Tidslinje:
    aktiv: bool
    til: date  # the last day the course is observed: its end, or today
    perioder: list[Periode] = field(default_factory=list)
    skift: date | None = None  # the Monday a second mentor takes over
    skift_udlevering: tuple[date | None, str] = (None, "")  # of the agreement it changes
    moeder: list[tuple[str, date]] = field(default_factory=list)
    rapporter: list[date] = field(default_factory=list)
    opfoelgninger: list[tuple[date, str, bool]] = field(default_factory=list)
    punkter: list[Punkt] = field(default_factory=list)
    afslutning: tuple[int, int] | None = None  # (citizen's, mentor's rating)
    resultater: list[tuple[int, str]] = field(default_factory=list)

    @property
    def slut(self) -> date | None:
        return None if self.aktiv else self.til

    def mentor_nr(self, d: date) -> int:
        """0 for the first mentor, 1 for the second (from the change)."""
        return 1 if self.skift is not None and d >= self.skift else 0


def tidslinje(rng: random.Random, plan: Forloebsplan, aktiv: bool, today: date) -> Tidslinje:
    start, planlagt = plan.start, plan.planlagt_slut
    t = Tidslinje(aktiv=aktiv, til=today if aktiv else planlagt)
    t.perioder = _perioder(rng, plan, today)
    t.skift = _skift(rng, start, min(planlagt, today))
    if t.skift is not None:
        t.skift_udlevering = _udlevering(rng, t.skift, today)
    opstart = _opstart(rng, start)
    if opstart is not None and opstart <= t.til:
        t.moeder.append((Moedetype.OPSTART, opstart))
        t.punkter = _punkter(rng, opstart, t.til, aktiv)
    d = start + timedelta(days=F.OPFOELGNINGSMOEDE_FOERSTE)
    while d <= t.til:
        t.moeder.append((Moedetype.OPFOELGNING, d))
        d += timedelta(days=draw.between(rng, F.OPFOELGNINGSMOEDE_DAGE))
    if rng.random() >= F.INGEN_OPFOELGNING:
        d = start + timedelta(days=draw.between(rng, F.OPFOELGNING_DAGE))
        while d <= t.til:
            leveret = draw.weighted(rng, F.LEVERET)
            som_bevilget = leveret == "ja" and rng.random() < F.KONTAKT_SOM_BEVILGET
            t.opfoelgninger.append((d, leveret, som_bevilget))
            d += timedelta(days=draw.between(rng, F.OPFOELGNING_DAGE))
    gap = (
        F.STATUSRAPPORT_DAGE
        if rng.random() < F.STATUSRAPPORT_REGELMAESSIG
        else F.STATUSRAPPORT_SJAELDEN_DAGE
    )
    d = start + timedelta(days=draw.between(rng, gap))
    while d <= t.til:
        t.rapporter.append(d)
        d += timedelta(days=draw.between(rng, gap))
    if not aktiv:
        _slut(rng, t, today)
    return t


def _perioder(rng: random.Random, plan: Forloebsplan, today: date) -> list[Periode]:
    """Back-to-back periods of at most 6 months until the planned end (bevilg_periode:
    end <= seneste_slutdato(start), no overlap), the next one decided ahead only when it
    starts within PERIODE_BESLUTNING_DAGE and for NAESTE_PERIODE_I_TIDE of those."""
    perioder = []
    p_start, planlagt = plan.start, plan.planlagt_slut
    while p_start <= planlagt:
        if p_start > today and not (
            p_start <= today + timedelta(days=F.PERIODE_BESLUTNING_DAGE)
            and rng.random() < F.NAESTE_PERIODE_I_TIDE
        ):
            break
        p_slut = min(seneste_slutdato(p_start), planlagt)
        besluttet = min(today, p_start - timedelta(days=draw.between(rng, F.BESLUTNING_FOER_DAGE)))
        udleveret, maade = _udlevering(rng, p_start, today)
        periode = Periode(
            p_start, p_slut, besluttet, udleveret, maade, _timeaendring(rng, plan, p_start, p_slut)
        )
        if periode.timeaendring is not None:
            periode.timeaendring_udlevering = _udlevering(rng, periode.timeaendring[0], today)
        perioder.append(periode)
        p_start = p_slut + timedelta(days=1)
    return perioder


def _udlevering(rng: random.Random, p_start: date, today: date) -> tuple[date | None, str]:
    """An agreement version's hand-out, counted from the later of its period's start and
    its issue; never before its issue nor in the future (udlever_aftale)."""
    hvordan = draw.weighted(rng, F.AFTALE_UDLEVERING)
    if hvordan == "aldrig":
        return None, ""
    dage = F.AFTALE_TIL_TIDEN_DAGE if hvordan == "til_tiden" else F.AFTALE_SENT_DAGE
    dato = p_start + timedelta(days=draw.between(rng, dage))
    if dato > today:
        return None, ""
    return dato, draw.weighted(rng, F.UDLEVERINGSMAADE)


def _timeaendring(rng, plan, p_start: date, p_slut: date) -> tuple[date, Decimal] | None:
    """A change of hours from a Monday inside the period (aendr_timer), at most 37 h
    (MAX_TIMER_PR_UGE; the table's top band plus one is far below)."""
    dage = (p_slut - p_start).days
    if dage <= 60 or rng.random() >= F.TIMEAENDRING:
        return None
    fra = draw.monday(p_start + timedelta(days=rng.randint(F.TIMEAENDRING_MIN_DAGE, dage)))
    if not p_start < fra <= p_slut:
        return None
    return fra, plan.timer + Decimal(F.TIMEAENDRING_TIMER)


def _skift(rng: random.Random, start: date, aktiv_slut: date) -> date | None:
    """A change of mentor on a Monday after the first mentor's start (tildel_mentor: the
    change lies after the current mentor's start; one mentor at a time)."""
    dage = (aktiv_slut - start).days
    if dage <= F.MENTORSKIFTE_MIN_DAGE or rng.random() >= F.MENTORSKIFTE:
        return None
    skift = draw.monday(start + timedelta(days=rng.randint(F.MENTORSKIFTE_FRA_DAG, dage)))
    return skift if skift > start else None


def _opstart(rng: random.Random, start: date) -> date | None:
    hvordan = draw.weighted(rng, F.OPSTARTSMOEDE)
    if hvordan == "aldrig":
        return None
    dage = F.OPSTARTSMOEDE_TIL_TIDEN_DAGE if hvordan == "til_tiden" else F.OPSTARTSMOEDE_SENT_DAGE
    return start + timedelta(days=draw.between(rng, dage))


def _punkter(rng: random.Random, opstart: date, til: date, aktiv: bool) -> list[Punkt]:
    punkter = []
    for titel in rng.sample(tekster.ARBEJDSPUNKTER, draw.between(rng, F.ARBEJDSPUNKTER_ANTAL)):
        status = (
            Arbejdspunktstatus.AKTIV if aktiv else draw.weighted(rng, F.ARBEJDSPUNKT_SLUTSTATUS)
        )
        vurderinger = []
        d = opstart + timedelta(days=draw.between(rng, F.VURDERING_FOERSTE_DAGE))
        while d <= til:
            vurderinger.append((d, "mentor", draw.score(rng, F.VURDERING_MENTOR)))
            vurderinger.append((d, "borger", draw.score(rng, F.VURDERING_BORGER)))
            d += timedelta(days=draw.between(rng, F.VURDERING_DAGE))
        punkter.append(Punkt(titel, status, vurderinger))
    return punkter


def _slut(rng: random.Random, t: Tidslinje, today: date) -> None:
    """End with both ratings (afslut_forloeb: 1-5 each, not in the future) and the
    outcomes that are due (registrer_resultat: only after 3, 6, 12 months)."""
    t.afslutning = (draw.between(rng, F.AFSLUTNING_BORGER), draw.between(rng, F.AFSLUTNING_MENTOR))
    if rng.random() < F.AFSLUTNINGSMOEDE:
        t.moeder.append((Moedetype.AFSLUTNING, t.til))
    for maaned in (3, 6, 12):
        if t.til + relativedelta(months=maaned) <= today and rng.random() < F.RESULTAT_REGISTRERET:
            t.resultater.append((maaned, draw.weighted(rng, F.RESULTAT)))


def versioner(t: Tidslinje, periode: Periode, timer: Decimal) -> list[Version]:
    """The period's agreement versions in the order the services make them: the grant
    (version 1), a change of hours (aendr_timer), a change of mentor inside the period
    (tildel_mentor: every period running on the change day). A version holds the mentor
    and hours on its day, as forloeb.services.aftale does; the change of mentor is
    decided after the period's own decisions, so until then the first mentor is named."""
    foer = 1 if t.skift is not None and t.skift <= periode.start else 0
    result = [
        Version(periode.besluttet, "bevilling", foer, timer, periode.udleveret, periode.maade)
    ]
    aendring = periode.timeaendring
    if aendring is not None:
        fra, ny = aendring
        result.append(Version(fra, "timeaendring", foer, ny, *periode.timeaendring_udlevering))
    if t.skift is not None and periode.start < t.skift <= periode.slut:
        ved_skift = aendring[1] if aendring and aendring[0] <= t.skift else timer
        result.append(Version(t.skift, "mentorskifte", 1, ved_skift, *t.skift_udlevering))
    return result
