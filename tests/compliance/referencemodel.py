"""The rule catalogue written once more, as plain Python, from PRODUCT.md §6, issue 12 and
docs/regler.md — not from the SQL. It reads the database into plain values and decides,
day by day and week by week, which courses break which rule on a given day. The scan's
open flags must equal this model's answer (test_referencemodel.py).

Deliberately naive: no shared helpers with the application (no forloeb.timer, no
tidsregistrering.dele), loops over days instead of intervals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from compliance.models import Regelindstillinger
from forloeb.models import Forloeb, Mentor

EN_DAG = dt.timedelta(days=1)


@dataclass
class Periode:
    start: dt.date
    slut: dt.date
    timer: Decimal
    kvalifikationer: str
    aendringer: list  # (fra, timer)
    aftaler: list  # (version, start, dato, udleveret)


@dataclass
class Tilknytning:
    mentor: int
    fra: dt.date
    til: dt.date | None
    kvalifikationer: str


@dataclass
class Kursus:
    id: int
    status: str
    formaal: str
    maal: str
    opgaver: str
    lovgrundlag: str
    mentor: int | None
    perioder: list[Periode]
    tilknytninger: list[Tilknytning]
    # (week Monday, mentor id) -> (minutes, contact forms, contact dates)
    uger: dict = field(default_factory=dict)
    opstart: list = field(default_factory=list)
    opfoelgninger: list = field(default_factory=list)
    rapporter: list = field(default_factory=list)
    slut: dt.date | None = None
    slut_aarsag: str | None = None
    slut_fuld: bool = True
    afsluttet_uden_afslutning: bool = False
    resultater: set = field(default_factory=set)  # months (3, 6, 12) with an outcome


def indlaes() -> tuple[list[Kursus], dict[int, int]]:
    kurser = []
    qs = Forloeb.objects.prefetch_related(
        "bevillinger__timeaendringer",
        "bevillinger__aftaler",
        "tilknytninger",
        "ugeregistreringer__kontakter",
        "moeder",
        "opfoelgninger",
        "statusrapporter",
        "resultater",
    ).select_related("afslutning")
    for f in qs:
        perioder = [
            Periode(
                b.start,
                b.slut,
                b.timer_pr_uge,
                b.kvalifikationer,
                [(t.gaelder_fra, t.timer_pr_uge) for t in b.timeaendringer.all()],
                [(a.version, a.start, a.dato, a.udleveret) for a in b.aftaler.all()],
            )
            for b in f.bevillinger.all()
        ]
        k = Kursus(
            id=f.pk,
            status=f.status,
            formaal=f.formaal,
            maal=f.maal,
            opgaver=f.opgaver,
            lovgrundlag=f.lovgrundlag,
            mentor=f.mentor_id,
            perioder=perioder,
            tilknytninger=[
                Tilknytning(t.mentor_id, t.fra, t.til, t.kvalifikationer)
                for t in f.tilknytninger.all()
            ],
        )
        for r in f.ugeregistreringer.all():
            kontakter = list(r.kontakter.all())
            k.uger[(r.uge_start, r.mentor_id)] = (
                r.minutter_i_alt,
                [c.form for c in kontakter],
                [c.dato for c in kontakter],
            )
        k.opstart = [m.dato for m in f.moeder.all() if m.type == "opstart"]
        k.opfoelgninger = [o.dato for o in f.opfoelgninger.all()]
        k.rapporter = [s.dato for s in f.statusrapporter.all()]
        k.resultater = {r.maaned for r in f.resultater.all()}
        afslutning = getattr(f, "afslutning", None)
        if afslutning is not None:
            k.slut = afslutning.dato
            k.slut_aarsag = afslutning.aarsag
            k.slut_fuld = bool(
                afslutning.aarsag
                and afslutning.borger_vurdering is not None
                and afslutning.mentor_vurdering is not None
            )
        elif f.status == "afsluttet":
            k.afsluttet_uden_afslutning = True
        kurser.append(k)
    kapacitet = dict(Mentor.objects.values_list("pk", "kapacitet"))
    return kurser, kapacitet


def _mandag(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _dage(fra: dt.date, til: dt.date):
    d = fra
    while d <= til:
        yield d
        d += EN_DAG


def aktiv(k: Kursus, idag: dt.date) -> bool:
    if k.status == "kladde" or not any(p.start <= idag for p in k.perioder):
        return False
    return k.status == "aktiv" or (k.slut is not None and k.slut > idag)


def _foerste_start(k: Kursus) -> dt.date:
    return min(p.start for p in k.perioder)


def _timer_paa(k: Kursus, dag: dt.date) -> Decimal:
    for p in k.perioder:
        if p.start <= dag <= p.slut:
            timer = p.timer
            for fra, t in sorted(p.aendringer):
                if fra <= dag:
                    timer = t
            return timer
    return Decimal(0)


def _i_periode(k: Kursus, dag: dt.date) -> bool:
    return any(p.start <= dag <= p.slut for p in k.perioder)


def _mentorer_paa(k: Kursus, dag: dt.date) -> set[int]:
    return {t.mentor for t in k.tilknytninger if t.fra <= dag and (t.til is None or dag <= t.til)}


def lukket_uge(idag: dt.date, frist: int) -> dt.date:
    """The latest week whose registration deadline (weekday `frist`) has passed."""
    if idag.isoweekday() > frist:
        return _mandag(idag) - dt.timedelta(weeks=1)
    return _mandag(idag) - dt.timedelta(weeks=2)


def dele(k: Kursus, sidste_mandag: dt.date) -> dict[dt.date, set[int]]:
    """Week Monday -> the mentors with a day of the week in a period and their assignment
    (not after the end), for the closed weeks up to `sidste_mandag`."""
    result: dict[dt.date, set[int]] = {}
    if not k.perioder:
        return result
    fra = _mandag(_foerste_start(k))
    for mandag in _dage(fra, sidste_mandag):
        if mandag.weekday():
            continue
        mentorer = set()
        for dag in _dage(mandag, mandag + dt.timedelta(days=6)):
            if k.slut is not None and dag > k.slut:
                break
            if _i_periode(k, dag):
                mentorer |= _mentorer_paa(k, dag)
        if mentorer:
            result[mandag] = mentorer
    return result


def brud(idag: dt.date, indstillinger: Regelindstillinger | None = None) -> dict[str, set[int]]:
    """Rule code -> the courses that break it on `idag`."""
    s = indstillinger or Regelindstillinger.hent()
    kurser, kapacitet = indlaes()
    lukket = lukket_uge(idag, s.registrering_frist_ugedag)
    levering_start = lukket - dt.timedelta(weeks=s.levering_uger - 1)
    r: dict[str, set[int]] = {kode: set() for kode in REGELKODER}
    for k in kurser:
        if k.status == "afsluttet" and (
            k.afsluttet_uden_afslutning or (k.slut_aarsag != "annulleret" and not k.slut_fuld)
        ):
            r["AFSLUTNING_UFULDSTAENDIG"].add(k.id)
        if k.status == "afsluttet" and k.slut is not None and k.slut_aarsag != "annulleret":
            for m in (3, 6, 12):
                # relativedelta clamps to the month's last day (31 Aug + 6 months = 28 Feb)
                maerke = k.slut + relativedelta(months=m)
                if m not in k.resultater and maerke + dt.timedelta(s.resultat_frist_dage) < idag:
                    r["RESULTAT_MANGLER"].add(k.id)
        kontakt_uden_for = any(
            dag <= idag and not _i_periode(k, dag)
            for (_m, _mentor), (_min, _former, datoer) in k.uger.items()
            for dag in datoer
        )
        if k.status != "kladde" and kontakt_uden_for:
            r["PERIODE_OVERSKREDET"].add(k.id)
        if not aktiv(k, idag):
            continue
        start = _foerste_start(k)
        sidste_slut = max(p.slut for p in k.perioder)
        if not k.formaal or not k.maal.strip():
            r["FORMAAL_MANGLER"].add(k.id)
        if not k.opgaver.strip():
            r["OPGAVER_MANGLER"].add(k.id)
        aktuel = max((p for p in k.perioder if p.start <= idag), key=lambda p: p.start)
        aaben = [t for t in k.tilknytninger if t.til is None]
        if aaben:
            t = aaben[0]
            kval = t.kvalifikationer if t.fra > aktuel.start else aktuel.kvalifikationer
            if not kval.strip():
                r["KVALIFIKATIONER_MANGLER"].add(k.id)
        for p in k.perioder:
            if not p.aftaler:
                continue
            _v, a_start, a_dato, udleveret = max(p.aftaler)
            if udleveret is None and max(a_start, a_dato) + dt.timedelta(days=s.aftale_dage) < idag:
                r["AFTALE_MANGLER"].add(k.id)
        if idag <= sidste_slut <= idag + dt.timedelta(days=s.periode_udloeber_dage):
            r["PERIODE_UDLOEBER"].add(k.id)
        if sidste_slut < idag:
            r["PERIODE_OVERSKREDET"].add(k.id)
        if k.lovgrundlag == "psykiatri":
            i_alt = sum((p.slut - p.start).days + 1 for p in k.perioder)
            seks = (start + relativedelta(months=6) - start).days
            if sidste_slut <= idag + dt.timedelta(days=s.periode_udloeber_dage) and i_alt < seks:
                r["PSYKIATRI_UNDER_SEKS_MAANEDER"].add(k.id)
        frist = start + dt.timedelta(weeks=s.trepartsmoede_uger)
        if frist < idag and not any(d <= idag for d in k.opstart):
            r["TREPARTSMOEDE_MANGLER"].add(k.id)
        ugedele = dele(k, lukket)
        if any((m, mentor) not in k.uger for m, mentorer in ugedele.items() for mentor in mentorer):
            r["REGISTRERING_MANGLER"].add(k.id)
        n = (
            s.ingen_kontakt_uger_ret_og_pligt
            if k.lovgrundlag == "ret_og_pligt"
            else s.ingen_kontakt_uger
        )
        seneste = sorted(ugedele)[-n:]
        if len(seneste) == n and not any(_kontakt(k, m, s) for m in seneste):
            r["INGEN_KONTAKT"].add(k.id)
        if start <= levering_start:
            dagtimer = sum(
                _timer_paa(k, d) for d in _dage(levering_start, lukket + dt.timedelta(days=6))
            )
            minutter = sum(
                v[0] for (m, _mentor), v in k.uger.items() if levering_start <= m <= lukket
            )
            # delivered hours vs granted hours (dagtimer / 7), in percent
            if dagtimer > 0 and (
                minutter * 100 * 7 < dagtimer * 60 * s.levering_min_pct
                or minutter * 100 * 7 > dagtimer * 60 * s.levering_max_pct
            ):
                r["LEVERING_AFVIGER"].add(k.id)
        sidste_opf = max([d for d in k.opfoelgninger if d <= idag], default=start)
        if sidste_opf + dt.timedelta(weeks=s.opfoelgning_uger) < idag:
            r["OPFOELGNING_MANGLER"].add(k.id)
        grund = max(
            [start]
            + [d for d in k.rapporter if d <= idag]
            + [t.fra for t in k.tilknytninger if t.til is None]
        )
        if grund + dt.timedelta(weeks=s.statusrapport_uger) < idag:
            r["STATUSRAPPORT_MANGLER"].add(k.id)
    _overbelastede(kurser, kapacitet, idag, r)
    return r


def _kontakt(k: Kursus, mandag: dt.date, s) -> bool:
    for (m, _mentor), (_minutter, former, _datoer) in k.uger.items():
        if m != mandag or not former:
            continue
        if k.lovgrundlag != "ret_og_pligt" or set(former) & set(s.ret_og_pligt_kontaktformer):
            return True
    return False


def _overbelastede(kurser, kapacitet, idag, r) -> None:
    pr_mentor: dict[int, list] = {}
    for k in kurser:
        if k.mentor is None or k.status not in ("kladde", "aktiv"):
            continue
        aaben = [t for t in k.tilknytninger if t.til is None and t.mentor == k.mentor]
        fra = aaben[0].fra if aaben else None
        pr_mentor.setdefault(k.mentor, []).append((fra is not None, fra or dt.date.min, k.id, k))
    for mentor, liste in pr_mentor.items():
        for nr, (_h, _fra, _id, k) in enumerate(sorted(liste), start=1):
            if nr > kapacitet[mentor] and aktiv(k, idag):
                r["MENTOR_OVERBELASTET"].add(k.id)


REGELKODER = [
    "FORMAAL_MANGLER",
    "OPGAVER_MANGLER",
    "KVALIFIKATIONER_MANGLER",
    "AFTALE_MANGLER",
    "PERIODE_UDLOEBER",
    "PERIODE_OVERSKREDET",
    "PSYKIATRI_UNDER_SEKS_MAANEDER",
    "TREPARTSMOEDE_MANGLER",
    "INGEN_KONTAKT",
    "REGISTRERING_MANGLER",
    "LEVERING_AFVIGER",
    "OPFOELGNING_MANGLER",
    "STATUSRAPPORT_MANGLER",
    "AFSLUTNING_UFULDSTAENDIG",
    "MENTOR_OVERBELASTET",
    "RESULTAT_MANGLER",
]
