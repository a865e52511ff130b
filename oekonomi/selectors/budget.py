"""The team leader's budget for a year: what the mentor hours have cost, what is committed,
and the forecast — by month, team, provider and mentor type, down to the courses.

Everything is counted in weeks, and a week belongs to the month of its Monday, as in the
settlement. With `i_dag` the day the budget is made:

- faktisk (actual): approved delivered hours of the year's weeks × the week's price;
- afventer (pending): registered, not yet approved hours × price (they will mostly be
  approved and paid);
- forpligtet (committed): hours granted for the days after `i_dag` up to the end of each
  active course's periods (forloeb.timer) × the price of the course's mentor today;
- prognose (forecast) for the year = faktisk + afventer + forpligtet in the year's weeks.

Prices come from oekonomi.priser: a provider's contract price, or the internal rate of the
mentor's type. Hours without a price are counted as hours and reported apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.utils.translation import gettext as _

from forloeb.models import Forloeb, Leverandoer, MentorType, Status
from organisation.models import Team
from tidsregistrering.models import Ugeregistrering
from tidsregistrering.uger import mandag as ugens_mandag

from .. import bevilget, maaneder, priser

NUL = Decimal("0.00")
ARTER = ("faktisk", "afventer", "forpligtet")
INTERN = "intern"
DIMENSIONER = ("team", "leverandoer", "mentortype")


@dataclass
class Tal:
    faktisk: Decimal = NUL
    afventer: Decimal = NUL
    forpligtet: Decimal = NUL
    timer_leveret: Decimal = NUL  # approved
    timer_bevilget: Decimal = NUL  # granted for the approved weeks' parts
    timer_over: Decimal = NUL  # approved hours above granted, week by week
    timer_uden_pris: Decimal = NUL

    @property
    def prognose(self) -> Decimal:
        return self.faktisk + self.afventer + self.forpligtet

    @property
    def over_bevilget(self) -> bool:
        return self.timer_leveret > self.timer_bevilget

    def laeg_til(self, art: str, beloeb: Decimal | None, timer: Decimal) -> None:
        if beloeb is None:
            self.timer_uden_pris += timer
        else:
            setattr(self, art, getattr(self, art) + beloeb)

    def tilfoej(self, andet: Tal) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(andet, name))


@dataclass
class Kurs:
    """One course's share of the year (the drill-down's row)."""

    forloeb_id: int
    team_id: int
    tal: Tal = field(default_factory=Tal)
    # (leverandoer key, mentortype, month) -> Tal, for filtering the drill-down
    dele: dict = field(default_factory=lambda: defaultdict(Tal))


@dataclass
class Raekke:
    noegle: str
    navn: str
    tal: Tal


@dataclass
class Budget:
    aar: int
    i_dag: dt.date
    maaneder: list[tuple[dt.date, Tal]]
    i_alt: Tal
    forpligtet_efter_aaret: Decimal
    grupper: dict[str, list[Raekke]]
    kurser: dict[int, Kurs]

    @property
    def over_bevilget(self) -> list[Raekke]:
        """Providers whose approved hours this year run above the hours granted for them."""
        return [
            r for r in self.grupper["leverandoer"] if r.noegle != INTERN and r.tal.over_bevilget
        ]


def _lev_noegle(leverandoer_id: int | None) -> str:
    return INTERN if leverandoer_id is None else str(leverandoer_id)


def budget(*, organisation_id: int, team_ids: list[int], aar: int, i_dag: dt.date) -> Budget:
    """The year's figures for the teams; a fixed number of queries."""
    aar_start, aar_slut = dt.date(aar, 1, 1), dt.date(aar, 12, 31)
    bog = priser.Prisbog(organisation_id)
    kurser: dict[int, Kurs] = {}
    efter_aaret = NUL

    def post(forloeb_id, team_id, lev_id, mentortype, mandag, art, timer, beloeb, bev=None):
        kurs = kurser.setdefault(forloeb_id, Kurs(forloeb_id, team_id))
        for tal in (kurs.tal, kurs.dele[(_lev_noegle(lev_id), mentortype, mandag.month)]):
            tal.laeg_til(art, beloeb, timer)
            if bev is not None:
                tal.timer_leveret += timer
                tal.timer_bevilget += bev
                tal.timer_over += max(timer - bev, NUL)

    regs = list(
        Ugeregistrering.objects.filter(
            forloeb__organisation_id=organisation_id,
            forloeb__team_id__in=team_ids,
            uge_start__gte=aar_start,
            uge_start__lte=aar_slut,
        )
        .annotate(
            team_id=F("forloeb__team_id"),
            leverandoer_id=F("mentor__leverandoer_id"),
            mentortype=F("mentor__type"),
        )
        .only("forloeb_id", "mentor_id", "uge_start", "minutter_i_alt", "godkendt")
    )
    aktive = list(
        Forloeb.objects.filter(
            organisation_id=organisation_id,
            team_id__in=team_ids,
            status=Status.AKTIV,
            bevillinger__slut__gt=i_dag,
        )
        .distinct()
        .annotate(leverandoer_id=F("mentor__leverandoer_id"), mentortype=F("mentor__type"))
        .only("pk", "team_id", "mentor_id")
    )
    data = bevilget.hent({r.forloeb_id for r in regs} | {f.pk for f in aktive})

    for r in regs:
        pris = bog.pris(
            leverandoer_id=r.leverandoer_id, mentortype=r.mentortype, mandag=r.uge_start
        )
        timer = priser.timer(r.minutter_i_alt)
        beloeb = (
            priser.beloeb(r.minutter_i_alt, pris.timepris) if pris.timepris is not None else None
        )
        if r.godkendt is not None:
            bev = bevilget.mentorens_timer(
                data[r.forloeb_id], mentor_id=r.mentor_id, mandag=r.uge_start
            )
            post(
                r.forloeb_id,
                r.team_id,
                r.leverandoer_id,
                r.mentortype,
                r.uge_start,
                "faktisk",
                timer,
                beloeb,
                bev.quantize(priser.OERE),
            )
        else:
            post(
                r.forloeb_id,
                r.team_id,
                r.leverandoer_id,
                r.mentortype,
                r.uge_start,
                "afventer",
                timer,
                beloeb,
            )

    fra = i_dag + dt.timedelta(days=1)
    for f in aktive:
        d = data[f.pk]
        if not d.segmenter:
            continue
        slut = max(s.til for s in d.segmenter)
        mandag = ugens_mandag(fra)
        while mandag <= slut:
            timer = bevilget.resterende_timer(
                d, fra=max(fra, mandag), til=mandag + dt.timedelta(days=6)
            )
            if timer:
                pris = bog.pris(
                    leverandoer_id=f.leverandoer_id, mentortype=f.mentortype or "", mandag=mandag
                )
                beloeb = priser.kroner(timer, pris.timepris)
                if mandag.year == aar:
                    post(
                        f.pk,
                        f.team_id,
                        f.leverandoer_id,
                        f.mentortype or "",
                        mandag,
                        "forpligtet",
                        timer.quantize(priser.OERE),
                        beloeb,
                    )
                elif mandag.year > aar and beloeb is not None:
                    efter_aaret += beloeb
            mandag += dt.timedelta(weeks=1)

    return _saml(aar, i_dag, kurser, efter_aaret, organisation_id)


def _saml(aar, i_dag, kurser, efter_aaret, organisation_id) -> Budget:
    pr_maaned = {m: Tal() for m in range(1, 13)}
    grupper: dict[str, dict[str, Tal]] = {d: defaultdict(Tal) for d in DIMENSIONER}
    i_alt = Tal()
    for kurs in kurser.values():
        i_alt.tilfoej(kurs.tal)
        grupper["team"][str(kurs.team_id)].tilfoej(kurs.tal)
        for (lev, mtype, maaned), tal in kurs.dele.items():
            pr_maaned[maaned].tilfoej(tal)
            grupper["leverandoer"][lev].tilfoej(tal)
            grupper["mentortype"][mtype].tilfoej(tal)
    navne = {
        "team": {
            str(t.pk): t.navn for t in Team.objects.filter(pk__in=[int(k) for k in grupper["team"]])
        },
        "leverandoer": {
            str(lev.pk): lev.navn
            for lev in Leverandoer.objects.filter(organisation_id=organisation_id)
        }
        | {INTERN: _("Egne mentorer (intern timesats)")},
        "mentortype": dict(MentorType.choices) | {"": _("Uden mentor")},
    }
    return Budget(
        aar=aar,
        i_dag=i_dag,
        maaneder=[(dt.date(aar, m, 1), pr_maaned[m]) for m in range(1, 13)],
        i_alt=i_alt,
        forpligtet_efter_aaret=efter_aaret,
        grupper={
            dim: sorted(
                (Raekke(k, str(navne[dim].get(k, k)), tal) for k, tal in rows.items()),
                key=lambda r: r.navn,
            )
            for dim, rows in grupper.items()
        },
        kurser=kurser,
    )


def kurser_bag(
    b: Budget, *, leverandoer: str = "", mentortype: str = "", maaned: int = 0
) -> list[Kurs]:
    """The courses behind a figure: each with only its share that matches the filters
    (the team is chosen for the whole budget)."""
    result = []
    for kurs in b.kurser.values():
        tal = Tal()
        for (lev, mtype, m), del_tal in kurs.dele.items():
            if leverandoer and lev != leverandoer:
                continue
            if mentortype and mtype != mentortype:
                continue
            if maaned and m != maaned:
                continue
            tal.tilfoej(del_tal)
        if tal != Tal():
            result.append(Kurs(kurs.forloeb_id, kurs.team_id, tal))
    return sorted(result, key=lambda k: (-k.tal.prognose, k.forloeb_id))


def maaned_tekst(maaned: dt.date) -> str:
    return maaneder.tekst(maaned)
