"""What the courses lead to, and how the two voices judge the progress on the way.

Outcomes: of the ended courses (cancelled drafts excluded) whose outcome was registered
3, 6 or 12 months after the end, the shares that were in ordinary work, education, a
subsidised job or flex job, still on benefit, or other — by purpose, team, mentor type
and duration band, each share with the number of courses behind it. Cells of fewer than
5 courses are suppressed (oekonomi.selectors.anonym).

Both voices: each work point's latest mentor rating and latest citizen rating in a
quarter form a pair; the gap is mentor minus citizen, per team and mentor type. Work
points achieved against dropped beside it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import F, Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forloeb.models import (
    Afslutningsaarsag,
    Arbejdspunkt,
    Arbejdspunktstatus,
    Forloeb,
    Formaal,
    MentorType,
    Progressionsvurdering,
    Resultat,
    Resultattype,
    Status,
    Vurderer,
)
from organisation.models import Team

from .anonym import undertryk, undertryk_total

MAANEDER = [3, 6, 12]
# Duration from the first period's start to the end, both days counted.
VARIGHEDER = [
    ("0_3", gettext_lazy("Op til 3 måneder"), 0, 91),
    ("3_6", gettext_lazy("3–6 måneder"), 92, 182),
    ("6_12", gettext_lazy("6–12 måneder"), 183, 365),
    ("12_", gettext_lazy("Over 12 måneder"), 366, None),
]
DIMENSIONER = [
    ("formaal", gettext_lazy("Formål")),
    ("team", gettext_lazy("Team")),
    ("mentortype", gettext_lazy("Mentortype")),
    ("varighed", gettext_lazy("Varighed")),
]
RESULTATTYPER = [
    Resultattype.ORDINAERT_JOB,
    Resultattype.UDDANNELSE,
    Resultattype.STOETTET_JOB,
    Resultattype.PAA_YDELSE,
    Resultattype.ANDET,
]


def _pct(taeller: int, naevner: int) -> int | None:
    if not naevner:
        return None
    return int((Decimal(100 * taeller) / naevner).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def varighed_kode(dage: int) -> str:
    for kode, _label, lo, hi in VARIGHEDER:
        if dage >= lo and (hi is None or dage <= hi):
            return kode
    return VARIGHEDER[0][0]


# --- Outcomes ----------------------------------------------------------------------------


@dataclass
class Resultatcelle:
    n: int = 0
    antal: dict = field(default_factory=lambda: defaultdict(int))
    skjult: bool = False

    @property
    def andele(self) -> list[tuple[str, int | None]]:
        return [(t, _pct(self.antal[t], self.n)) for t in RESULTATTYPER]


@dataclass
class Resultatraekke:
    noegle: str
    navn: str
    celle: Resultatcelle


@dataclass
class Resultattabel:
    dimension: str
    titel: str
    raekker: list[Resultatraekke]
    i_alt: Resultatcelle


@dataclass
class Resultater:
    maaned: int
    tabeller: list[Resultattabel]
    mangler: int  # ended courses past the mark without a registered outcome
    typer: list[tuple[str, str]]


def _afsluttede(team_ids: list[int], organisation_id: int, aar: int | None):
    qs = (
        Forloeb.objects.filter(
            organisation_id=organisation_id, team_id__in=team_ids, status=Status.AFSLUTTET
        )
        .exclude(afslutning__aarsag=Afslutningsaarsag.ANNULLERET)
        .filter(afslutning__isnull=False)
    )
    if aar:
        qs = qs.filter(afslutning__dato__year=aar)
    return qs


def resultater(
    *, organisation_id: int, team_ids: list[int], maaned: int, i_dag: dt.date, aar=None
) -> Resultater:
    """Outcome shares `maaned` (3, 6 or 12) months after the end, one table per dimension."""
    kurser = list(
        _afsluttede(team_ids, organisation_id, aar)
        .annotate(
            slut=F("afslutning__dato"),
            foerste=Min("bevillinger__start"),
            mentortype=F("mentor__type"),
        )
        .values("pk", "team_id", "formaal", "mentortype", "slut", "foerste")
    )
    udfald = dict(
        Resultat.objects.filter(
            forloeb_id__in=[k["pk"] for k in kurser], maaned=maaned
        ).values_list("forloeb_id", "resultat")
    )
    teams = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "navn"))
    navne = {
        "formaal": dict(Formaal.choices) | {"": _("Uden formål")},
        "team": {str(k): v for k, v in teams.items()},
        "mentortype": dict(MentorType.choices) | {"": _("Uden mentor")},
        "varighed": {k: label for k, label, _lo, _hi in VARIGHEDER},
    }
    celler = {dim: defaultdict(Resultatcelle) for dim, _t in DIMENSIONER}
    i_alt = Resultatcelle()
    mangler = 0
    for k in kurser:
        resultat = udfald.get(k["pk"])
        if resultat is None:
            mangler += k["slut"] + relativedelta(months=maaned) <= i_dag
            continue
        dage = (k["slut"] - (k["foerste"] or k["slut"])).days + 1
        noegler = {
            "formaal": k["formaal"] or "",
            "team": str(k["team_id"]),
            "mentortype": k["mentortype"] or "",
            "varighed": varighed_kode(dage),
        }
        for dim, noegle in noegler.items():
            celle = celler[dim][noegle]
            celle.n += 1
            celle.antal[resultat] += 1
        i_alt.n += 1
        i_alt.antal[resultat] += 1
    undertryk_total(i_alt)
    tabeller = []
    for dim, titel in DIMENSIONER:
        orden = list(navne[dim])
        raekker = [
            Resultatraekke(noegle, str(navne[dim].get(noegle, noegle)), celle)
            for noegle, celle in sorted(
                celler[dim].items(),
                key=lambda kv: orden.index(kv[0]) if kv[0] in orden else len(orden),
            )
        ]
        undertryk(r.celle for r in raekker)
        tabeller.append(Resultattabel(dim, str(titel), raekker, i_alt))
    return Resultater(
        maaned=maaned,
        tabeller=tabeller,
        mangler=mangler,
        typer=[(t, str(Resultattype(t).label)) for t in RESULTATTYPER],
    )


# --- Both voices ---------------------------------------------------------------------------


@dataclass
class Stemmecelle:
    par: int = 0
    kurser: set = field(default_factory=set)
    mentor_sum: int = 0
    borger_sum: int = 0
    mentor_hoej: int = 0  # ratings 4–5: "got better"
    borger_hoej: int = 0
    skjult: bool = False

    @property
    def n(self) -> int:
        return len(self.kurser)

    def _snit(self, total: int) -> Decimal | None:
        if not self.par:
            return None
        return (Decimal(total) / self.par).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def mentor_snit(self):
        return self._snit(self.mentor_sum)

    @property
    def borger_snit(self):
        return self._snit(self.borger_sum)

    @property
    def forskel(self):
        return self._snit(self.mentor_sum - self.borger_sum)

    @property
    def mentor_andel(self):
        return _pct(self.mentor_hoej, self.par)

    @property
    def borger_andel(self):
        return _pct(self.borger_hoej, self.par)


@dataclass
class Punktcelle:
    kurser: set = field(default_factory=set)
    antal: dict = field(default_factory=lambda: defaultdict(int))
    skjult: bool = False

    @property
    def n(self) -> int:
        return len(self.kurser)

    @property
    def opnaaet(self) -> int:
        return self.antal[Arbejdspunktstatus.OPNAAET]

    @property
    def opgivet(self) -> int:
        return self.antal[Arbejdspunktstatus.OPGIVET]

    @property
    def aktive(self) -> int:
        return self.antal[Arbejdspunktstatus.AKTIV]

    @property
    def andel_opnaaet(self) -> int | None:
        return _pct(self.opnaaet, self.opnaaet + self.opgivet)


@dataclass
class Stemmeraekke:
    noegle: str
    navn: str
    kvartaler: list[Stemmecelle]
    aaret: Stemmecelle
    punkter: Punktcelle


@dataclass
class Stemmer:
    aar: int
    grupper: dict[str, list[Stemmeraekke]]
    i_alt: Stemmeraekke


def stemmer(*, organisation_id: int, team_ids: list[int], aar: int) -> Stemmer:
    """Mentor's and citizen's ratings side by side in the year's quarters, and work points."""
    kurser = {
        k["pk"]: k
        for k in Forloeb.objects.filter(organisation_id=organisation_id, team_id__in=team_ids)
        .filter(arbejdspunkter__isnull=False)
        .distinct()
        .annotate(mentortype=F("mentor__type"))
        .values("pk", "team_id", "mentortype")
    }
    seneste: dict[tuple, dict[str, tuple]] = defaultdict(dict)
    for punkt_id, forloeb_id, dato, hvem, score in (
        Progressionsvurdering.objects.filter(
            arbejdspunkt__forloeb_id__in=list(kurser), dato__year=aar
        )
        .order_by("dato", "pk")
        .values_list("arbejdspunkt_id", "arbejdspunkt__forloeb_id", "dato", "vurderet_af", "score")
    ):
        kvartal = (dato.month - 1) // 3
        seneste[(punkt_id, forloeb_id, kvartal)][hvem] = score  # the latest wins
    punkter = list(
        Arbejdspunkt.objects.filter(forloeb_id__in=list(kurser), oprettet__year=aar).values_list(
            "forloeb_id", "status"
        )
    )

    def ny_raekke(noegle, navn):
        return Stemmeraekke(
            noegle, navn, [Stemmecelle() for _q in range(4)], Stemmecelle(), Punktcelle()
        )

    grupper = {"team": {}, "mentortype": {}}
    i_alt = ny_raekke("", _("Alle"))

    def raekker_for(forloeb_id):
        k = kurser[forloeb_id]
        for dim, noegle in (("team", str(k["team_id"])), ("mentortype", k["mentortype"] or "")):
            if noegle not in grupper[dim]:
                grupper[dim][noegle] = ny_raekke(noegle, noegle)
            yield grupper[dim][noegle]
        yield i_alt

    for (_punkt, forloeb_id, kvartal), stemmer_ in seneste.items():
        if Vurderer.MENTOR not in stemmer_ or Vurderer.BORGER not in stemmer_:
            continue
        m, b = stemmer_[Vurderer.MENTOR], stemmer_[Vurderer.BORGER]
        for raekke in raekker_for(forloeb_id):
            for celle in (raekke.kvartaler[kvartal], raekke.aaret):
                celle.par += 1
                celle.kurser.add(forloeb_id)
                celle.mentor_sum += m
                celle.borger_sum += b
                celle.mentor_hoej += m >= 4
                celle.borger_hoej += b >= 4
    for forloeb_id, status in punkter:
        for raekke in raekker_for(forloeb_id):
            raekke.punkter.kurser.add(forloeb_id)
            raekke.punkter.antal[status] += 1

    teams = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "navn"))
    typer = dict(MentorType.choices)
    for noegle, r in grupper["team"].items():
        r.navn = teams.get(int(noegle), noegle)
    for noegle, r in grupper["mentortype"].items():
        r.navn = str(typer.get(noegle, _("Uden mentor")))
    result = {dim: sorted(rows.values(), key=lambda r: r.navn) for dim, rows in grupper.items()}
    for celle in [*i_alt.kvartaler, i_alt.aaret, i_alt.punkter]:
        undertryk_total(celle)
    for rows in result.values():
        for q in range(4):
            undertryk(r.kvartaler[q] for r in rows)
        undertryk(r.aaret for r in rows)
        undertryk(r.punkter for r in rows)
    return Stemmer(aar=aar, grupper=result, i_alt=i_alt)
