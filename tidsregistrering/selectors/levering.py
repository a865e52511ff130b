"""Granted vs delivered hours per ISO week of one course (the delivery panel)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from forloeb.models import Bevilling, Forloeb, Timeaendring
from forloeb.timer import formater_timer, timesegmenter, ugens_timer

from .. import dele
from ..models import Ugeregistrering
from ..uger import iso_uge, uge_mandag
from ._faelles import Tilstand, minutter_som_timer
from .anomalier import Anomali, anomalier


@dataclass
class Leveringsuge:
    aar: int
    uge: int
    mandag: date
    bevilget_timer: Decimal
    registreringer: list[Ugeregistrering]
    # Mentors with a part of the week (tidsregistrering.dele) and no registration of it.
    mangler: list = field(default_factory=list)
    anomalier: list[Anomali] = field(default_factory=list)

    @property
    def registrering(self) -> Ugeregistrering | None:
        """The week's registration when one mentor registered it (the usual case)."""
        return self.registreringer[0] if len(self.registreringer) == 1 else None

    @property
    def leveret_minutter(self) -> int:
        return sum(r.minutter_i_alt for r in self.registreringer)

    @property
    def leveret_timer(self) -> str:
        return minutter_som_timer(self.leveret_minutter)

    @property
    def bevilget_tekst(self) -> str:
        return formater_timer(self.bevilget_timer)

    @property
    def tilstand(self) -> str:
        if self.mangler or not self.registreringer:
            return Tilstand.MANGLER
        if all(r.ingen_kontakt_aarsag for r in self.registreringer):
            return Tilstand.INGEN_KONTAKT
        return Tilstand.REGISTRERET

    @property
    def tilstand_tekst(self):
        return Tilstand.LABELS[self.tilstand]

    @property
    def tag(self) -> str:
        return Tilstand.TAGS[self.tilstand]

    @property
    def afsluttet(self) -> bool:
        return self.mandag + timedelta(days=6) < timezone.localdate()

    @property
    def til_godkendelse(self) -> list[Ugeregistrering]:
        if not self.afsluttet:
            return []
        return [r for r in self.registreringer if not r.er_godkendt]

    @property
    def kan_godkendes(self) -> bool:
        return bool(self.til_godkendelse)


@dataclass
class Levering:
    forloeb: Forloeb
    uger: list[Leveringsuge]
    anomalier: list[Anomali]

    @property
    def bevilget_timer(self) -> str:
        return formater_timer(sum((u.bevilget_timer for u in self.uger), Decimal(0)))

    @property
    def leveret_timer(self) -> str:
        return minutter_som_timer(sum(u.leveret_minutter for u in self.uger))

    @property
    def ingen_kontakt_uger(self) -> list[Leveringsuge]:
        return [u for u in self.uger if u.tilstand == Tilstand.INGEN_KONTAKT]

    @property
    def manglende_uger(self) -> list[Leveringsuge]:
        return [u for u in self.uger if u.tilstand == Tilstand.MANGLER and u.afsluttet]

    @property
    def kan_godkendes(self) -> list[Ugeregistrering]:
        return [r for u in self.uger for r in u.til_godkendelse]

    @property
    def uger_med_kontakt_pct(self) -> int:
        done = [u for u in self.uger if u.afsluttet]
        if not done:
            return 0
        return round(100 * sum(1 for u in done if u.leveret_minutter) / len(done))

    @property
    def maks_timer(self) -> Decimal:
        values = [u.bevilget_timer for u in self.uger] + [
            Decimal(u.leveret_minutter) / 60 for u in self.uger
        ]
        return max(values + [Decimal(1)])


def levering(forloeb: Forloeb, *, idag: date | None = None) -> Levering:
    """Granted vs delivered hours per ISO week, from the first granted week up to this week
    (or the course's end). Granted hours come from forloeb.timer (a day is 1/7 of the weekly
    hours in force), the same answer LEVERING_AFVIGER and the dashboard give."""
    idag = idag or timezone.localdate()
    perioder = list(
        Bevilling.objects.filter(forloeb=forloeb)
        .prefetch_related(
            Prefetch("timeaendringer", queryset=Timeaendring.objects.order_by("gaelder_fra"))
        )
        .order_by("start")
    )
    tilknytninger = list(forloeb.tilknytninger.select_related("mentor"))
    registreringer = list(
        Ugeregistrering.objects.filter(forloeb=forloeb)
        .select_related("mentor", "godkendt_af")
        .prefetch_related("kontakter")
        .order_by("uge_start", "pk")
    )
    found = anomalier(_ugesummer(registreringer))
    by_week: dict[tuple[int, int], list[Ugeregistrering]] = {}
    for r in registreringer:
        by_week.setdefault((r.aar, r.uge), []).append(r)
    segmenter = timesegmenter(perioder)
    afslutning = getattr(forloeb, "afslutning", None)
    slutdato = afslutning.dato if afslutning else None
    uger: list[Leveringsuge] = []
    if perioder:
        slut = min(max(p.slut for p in perioder), idag)
        if slutdato:
            slut = min(slut, slutdato)
        aar, uge = iso_uge(perioder[0].start)
        mandag = uge_mandag(aar, uge)
        while mandag <= slut:
            timer = ugens_timer(segmenter, mandag)
            aar, uge = iso_uge(mandag)
            rows = by_week.pop((aar, uge), [])
            dele_i_ugen = dele.dele(
                mandag=mandag, perioder=perioder, tilknytninger=tilknytninger, afslutning=slutdato
            )
            registreret_af = {r.mentor_id for r in rows}
            mentorer = {t.mentor_id: t.mentor for t in tilknytninger}
            mangler = [mentorer[m] for m in dele_i_ugen if m not in registreret_af]
            if timer or rows:
                uger.append(
                    Leveringsuge(
                        aar,
                        uge,
                        mandag,
                        timer,
                        rows,
                        mangler,
                        [a for a in found if (a.aar, a.uge) == (aar, uge)],
                    )
                )
            mandag += timedelta(weeks=1)
    return Levering(forloeb=forloeb, uger=uger, anomalier=found)


@dataclass
class _Ugesum:
    """A week's registrations summed over mentors, for the anomaly checks."""

    aar: int
    uge: int
    uge_start: date
    minutter_i_alt: int
    registreret: object


def _ugesummer(registreringer: list[Ugeregistrering]) -> list[_Ugesum]:
    uger: dict[date, _Ugesum] = {}
    for r in registreringer:
        u = uger.get(r.uge_start)
        if u is None:
            uger[r.uge_start] = _Ugesum(r.aar, r.uge, r.uge_start, r.minutter_i_alt, r.registreret)
        else:
            u.minutter_i_alt += r.minutter_i_alt
            u.registreret = max(u.registreret, r.registreret)
    return list(uger.values())
