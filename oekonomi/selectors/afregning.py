"""The monthly settlement of a provider's hours, per team: one computation for the screen,
the PDF, the exports, the API and the approval.

- Only approved weeks are paid: each approved week registration of a mentor of the
  provider (one row per course, week and mentor) is a line at the price in force on the
  week's Monday (oekonomi.priser), beside the hours granted for that mentor's part of the
  week (oekonomi.bevilget). Weeks not yet approved are listed apart.
- A week belongs to the month of its Monday (oekonomi.maaneder).
- An approved settlement is stored and locked. Every settlement after it pays the
  difference between what is approved now and what earlier settlements paid, for each
  week of an already settled month: a week reopened after its settlement is taken back
  (and paid again once approved), a week approved late is paid, a new price is settled.
  The sum over all settlements of a week is always what its approved hours cost now.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Sum

from forloeb.models import Leverandoer
from organisation.models import Team
from tidsregistrering.models import Ugeregistrering

from .. import bevilget, maaneder, priser
from ..models import Afregning, Afregningslinje, Korrektionsaarsag, Linjeart

NUL = Decimal("0.00")


@dataclass
class Linje:
    art: str
    forloeb_id: int
    mentor_id: int
    mentor_navn: str
    aar: int
    uge: int
    uge_start: dt.date
    minutter: int
    bevilget_timer: Decimal
    timepris: Decimal | None
    beloeb: Decimal
    aarsag: str = ""
    tidligere_minutter: int = 0
    tidligere_beloeb: Decimal = NUL
    kontrakt_id: int | None = None
    registrering_id: int | None = None
    uge_godkendt: dt.datetime | None = None

    @property
    def timer(self) -> Decimal:
        return priser.timer(self.minutter)

    @property
    def tidligere_timer(self) -> Decimal:
        return priser.timer(self.tidligere_minutter)

    @property
    def over_bevilget(self) -> bool:
        return self.timer > self.bevilget_timer

    @property
    def aarsag_tekst(self) -> str:
        return str(Korrektionsaarsag(self.aarsag).label) if self.aarsag else ""

    @property
    def noegle(self) -> tuple:
        return (self.forloeb_id, self.aar, self.uge, self.mentor_id)


@dataclass
class Afventer:
    """A week of the provider's mentor that is registered but not approved."""

    forloeb_id: int
    mentor_navn: str
    aar: int
    uge: int
    uge_start: dt.date
    minutter: int
    genaabnet: bool

    @property
    def timer(self) -> Decimal:
        return priser.timer(self.minutter)


@dataclass
class Udkast:
    leverandoer: Leverandoer
    team: Team
    maaned: dt.date
    afregning: Afregning | None = None  # the stored, locked settlement once approved
    linjer: list[Linje] = field(default_factory=list)
    korrektioner: list[Linje] = field(default_factory=list)
    afventer: list[Afventer] = field(default_factory=list)
    # For an approved settlement: what the next settlement will correct of its weeks.
    aendret_efter: list[Linje] = field(default_factory=list)

    @property
    def godkendt(self) -> bool:
        return self.afregning is not None

    @property
    def status(self) -> str:
        return "godkendt" if self.godkendt else "kladde"

    @property
    def timer(self) -> Decimal:
        return priser.timer(sum(linje.minutter for linje in self.linjer))

    @property
    def bevilget_timer(self) -> Decimal:
        return sum((linje.bevilget_timer for linje in self.linjer), NUL)

    @property
    def beloeb(self) -> Decimal:
        return sum((linje.beloeb for linje in self.linjer), NUL)

    @property
    def korrektioner_beloeb(self) -> Decimal:
        return sum((linje.beloeb for linje in self.korrektioner), NUL)

    @property
    def i_alt(self) -> Decimal:
        return self.beloeb + self.korrektioner_beloeb

    @property
    def mangler_pris(self) -> list[Linje]:
        return [k for k in self.linjer + self.korrektioner if k.minutter and k.timepris is None]

    @property
    def tom(self) -> bool:
        return not (self.linjer or self.korrektioner)

    @property
    def kan_godkendes_fra(self) -> dt.date:
        return maaneder.kan_godkendes_fra(self.maaned)

    @property
    def fingeraftryk(self) -> str:
        """Changes whenever a figure the approver saw would change (optimistic lock)."""
        h = hashlib.sha256()
        for linje in self.linjer + self.korrektioner:
            h.update(
                repr(
                    (
                        linje.art,
                        linje.noegle,
                        linje.minutter,
                        str(linje.beloeb),
                        str(linje.tidligere_beloeb),
                    )
                ).encode()
            )
        return h.hexdigest()[:20]


def _linje_fra_gemt(r: Afregningslinje) -> Linje:
    return Linje(
        art=r.art,
        aarsag=r.aarsag,
        forloeb_id=r.forloeb_id,
        mentor_id=r.mentor_id,
        mentor_navn=r.mentor.navn,
        aar=r.aar,
        uge=r.uge,
        uge_start=r.uge_start,
        minutter=r.minutter,
        tidligere_minutter=r.tidligere_minutter,
        bevilget_timer=r.bevilget_timer,
        timepris=r.timepris,
        kontrakt_id=r.kontrakt_id,
        beloeb=r.beloeb,
        tidligere_beloeb=r.tidligere_beloeb,
        registrering_id=r.registrering_id,
        uge_godkendt=r.uge_godkendt,
    )


@dataclass
class _Afregnet:
    minutter: int = 0
    beloeb: Decimal = NUL
    mentor_navn: str = ""
    uge_start: dt.date | None = None


def afregninger(
    *,
    organisation_id: int,
    team_ids: list[int],
    maaned: dt.date,
    leverandoer_id: int | None = None,
) -> list[Udkast]:
    """Every provider's settlement of `maaned` for the given teams: stored ones as they
    were approved, the others as drafts computed now. Pairs with nothing to show are left
    out. A fixed number of queries whatever the number of providers, teams or weeks."""
    maaned = maaneder.foerste(maaned)
    slut = maaneder.sidste_dag(maaned)
    afr = Afregning.objects.filter(organisation_id=organisation_id, team_id__in=team_ids)
    if leverandoer_id is not None:
        afr = afr.filter(leverandoer_id=leverandoer_id)
    gemte = list(afr.select_related("godkendt_af"))
    afregnede_maaneder: dict[tuple[int, int], set[dt.date]] = defaultdict(set)
    denne: dict[tuple[int, int], Afregning] = {}
    for a in gemte:
        afregnede_maaneder[(a.leverandoer_id, a.team_id)].add(a.maaned)
        if a.maaned == maaned:
            denne[(a.leverandoer_id, a.team_id)] = a

    # What earlier settlements paid per week: the latest minutes are the sum of each
    # line's change (minutter - tidligere_minutter), the amount the sum of amounts.
    afregnet: dict[tuple, _Afregnet] = {}
    for row in (
        Afregningslinje.objects.filter(afregning__in=afr)
        .values(
            "afregning__leverandoer_id",
            "afregning__team_id",
            "forloeb_id",
            "aar",
            "uge",
            "mentor_id",
            "mentor__navn",
            "uge_start",
        )
        .annotate(
            netto_minutter=Sum(F("minutter") - F("tidligere_minutter")),
            netto_beloeb=Sum("beloeb"),
        )
    ):
        key = (
            row["afregning__leverandoer_id"],
            row["afregning__team_id"],
            row["forloeb_id"],
            row["aar"],
            row["uge"],
            row["mentor_id"],
        )
        afregnet[key] = _Afregnet(
            int(row["netto_minutter"] or 0),
            row["netto_beloeb"] or NUL,
            row["mentor__navn"],
            row["uge_start"],
        )

    tidligste = min([maaned] + [m for ms in afregnede_maaneder.values() for m in ms if m < maaned])
    regs = (
        Ugeregistrering.objects.filter(
            forloeb__organisation_id=organisation_id,
            forloeb__team_id__in=team_ids,
            mentor__leverandoer__isnull=False,
            uge_start__gte=tidligste,
            uge_start__lte=slut,
        )
        .annotate(team_id=F("forloeb__team_id"))
        .select_related("mentor")
    )
    if leverandoer_id is not None:
        regs = regs.filter(mentor__leverandoer_id=leverandoer_id)

    def afregnet_maaned(par, mandag) -> bool:
        return maaneder.ugens_maaned(mandag) in afregnede_maaneder.get(par, ())

    def relevant(par, mandag) -> bool:
        """A week of this month, or of an already settled earlier month (its correction);
        for a settled month only its own weeks (what changed since)."""
        if mandag > slut:
            return False
        if par in denne:
            return mandag >= maaned
        return mandag >= maaned or afregnet_maaned(par, mandag)

    nu: dict[tuple, Ugeregistrering] = {}
    for reg in regs:
        par = (reg.mentor.leverandoer_id, reg.team_id)
        if relevant(par, reg.uge_start):
            nu[par + (reg.forloeb_id, reg.aar, reg.uge, reg.mentor_id)] = reg
    noegler = set(nu) | {k for k, a in afregnet.items() if relevant(k[:2], a.uge_start)}

    bog = priser.Prisbog(organisation_id)
    kursdata = bevilget.hent({k[2] for k in noegler})
    udkast: dict[tuple[int, int], Udkast] = {}

    def linje(key, reg, art) -> Linje:
        p_id, _t, forloeb_id, aar, uge, mentor_id = key
        tidl = afregnet.get(key, _Afregnet())
        mandag = reg.uge_start if reg else tidl.uge_start
        godkendt = reg is not None and reg.godkendt is not None
        minutter = reg.minutter_i_alt if godkendt else 0
        pris = bog.leverandoer_pris(p_id, mandag)
        timer = bevilget.mentorens_timer(kursdata[forloeb_id], mentor_id=mentor_id, mandag=mandag)
        return Linje(
            art=art,
            forloeb_id=forloeb_id,
            mentor_id=mentor_id,
            mentor_navn=reg.mentor.navn if reg else tidl.mentor_navn,
            aar=aar,
            uge=uge,
            uge_start=mandag,
            minutter=minutter,
            tidligere_minutter=tidl.minutter,
            bevilget_timer=timer.quantize(priser.OERE),
            timepris=pris.timepris,
            kontrakt_id=pris.kontrakt_id,
            beloeb=priser.beloeb(minutter, pris.timepris) - tidl.beloeb,
            tidligere_beloeb=tidl.beloeb,
            registrering_id=reg.pk if reg else None,
            uge_godkendt=reg.godkendt if godkendt else None,
        )

    def aarsag(key, reg, ny: Linje) -> str:
        tidl = afregnet.get(key)
        if reg is None:
            return Korrektionsaarsag.FLYTTET
        if reg.godkendt is None:
            return Korrektionsaarsag.GENAABNET
        if tidl is None:
            return Korrektionsaarsag.EFTERGODKENDT
        if ny.minutter != tidl.minutter:
            return Korrektionsaarsag.AENDRET
        return Korrektionsaarsag.PRIS

    def hent_udkast(par) -> Udkast:
        if par not in udkast:
            udkast[par] = Udkast(
                leverandoer=None, team=None, maaned=maaned, afregning=denne.get(par)
            )
        return udkast[par]

    for key in sorted(noegler, key=lambda k: (k[0], k[1], k[3], k[4], k[2], k[5])):
        par = key[:2]
        reg = nu.get(key)
        mandag = reg.uge_start if reg else afregnet[key].uge_start
        i_maaneden = mandag >= maaned
        laast = par in denne
        if reg is not None and reg.godkendt is None:
            hent_udkast(par).afventer.append(
                Afventer(
                    forloeb_id=reg.forloeb_id,
                    mentor_navn=reg.mentor.navn,
                    aar=reg.aar,
                    uge=reg.uge,
                    uge_start=reg.uge_start,
                    minutter=reg.minutter_i_alt,
                    genaabnet=reg.genaabnet is not None,
                )
            )
        if i_maaneden and not laast and key not in afregnet:
            if reg is not None and reg.godkendt is not None:
                hent_udkast(par).linjer.append(linje(key, reg, Linjeart.UGE))
            continue
        ny = linje(key, reg, Linjeart.KORREKTION)
        if ny.beloeb == 0 and ny.minutter == ny.tidligere_minutter:
            continue
        ny.aarsag = aarsag(key, reg, ny)
        u = hent_udkast(par)
        (u.aendret_efter if laast else u.korrektioner).append(ny)

    for par in denne:
        hent_udkast(par)
    if denne:
        gemte_linjer = defaultdict(lambda: ([], []))
        for r in (
            Afregningslinje.objects.filter(afregning__in=[a.pk for a in denne.values()])
            .select_related("mentor", "afregning")
            .order_by("uge_start", "forloeb_id", "mentor_id")
        ):
            par = (r.afregning.leverandoer_id, r.afregning.team_id)
            gemte_linjer[par][0 if r.art == Linjeart.UGE else 1].append(_linje_fra_gemt(r))
        for par, (uger, korr) in gemte_linjer.items():
            udkast[par].linjer, udkast[par].korrektioner = uger, korr

    leverandoerer = Leverandoer.objects.in_bulk({p for p, _t in udkast})
    teams = Team.objects.in_bulk({t for _p, t in udkast})
    for (p, t), u in udkast.items():
        u.leverandoer, u.team = leverandoerer[p], teams[t]
    return sorted(udkast.values(), key=lambda u: (u.leverandoer.navn, u.team.navn))


def afregning(*, organisation_id: int, leverandoer_id: int, team_id: int, maaned: dt.date):
    """One provider's settlement for one team, or None when there is nothing to show."""
    found = afregninger(
        organisation_id=organisation_id,
        team_ids=[team_id],
        maaned=maaned,
        leverandoer_id=leverandoer_id,
    )
    return found[0] if found else None
