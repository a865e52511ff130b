"""Measure generated demo data against the table (demo.fordelinger): the same measures
for the kommune and the national scale."""

from __future__ import annotations

import statistics
from collections import Counter

from django.db.models import Count, Min, Q
from django.utils import timezone

from demo import fordelinger as F
from forloeb import cpr
from forloeb.models import Afslutning, Bevilling, Borger, Forloeb, Mentor, MentorType
from tidsregistrering.models import Kontakt, Ugeregistrering


def andele(values) -> dict:
    """Percent per value."""
    counts = Counter(values)
    total = sum(counts.values())
    return {k: 100 * v / total for k, v in counts.items()}


def tabel_andele(weights: dict) -> dict:
    total = sum(weights.values())
    return {str(k): 100 * w / total for k, w in weights.items()}


def afvigelser(maalt: dict, tabel: dict, tolerance: float) -> dict:
    """Values whose measured share differs from the table's by more than `tolerance`
    percentage points: {value: (measured, table)}."""
    forventet = tabel_andele(tabel)
    return {
        k: (round(maalt.get(k, 0), 1), round(v, 1))
        for k, v in forventet.items()
        if abs(maalt.get(k, 0) - v) > tolerance
    }


def baand(value, spand: list[F.Spand], *, timer: bool) -> int:
    """The band index of a value (hours: by the band's values; days: by its bounds)."""
    for i, s in enumerate(spand):
        if timer and float(value) <= max(float(v) for v in s.vaerdier):
            return i
        if not timer and s.vaerdier[0] <= value <= s.vaerdier[1]:
            return i
    raise ValueError(value)


def _alder(born, start) -> int:
    return start.year - born.year - ((start.month, start.day) < (born.month, born.day))


def maal(orgs) -> dict:
    """The measured distributions of the organisations' courses."""
    forloeb = Forloeb.objects.filter(organisation__in=orgs).exclude(status="kladde")
    starts = dict(forloeb.annotate(s=Min("bevillinger__start")).values_list("pk", "s"))
    borgere = {}
    for f in forloeb.select_related("borger").order_by("pk"):
        if starts[f.pk] and (f.borger_id not in borgere or starts[f.pk] < borgere[f.borger_id][1]):
            borgere[f.borger_id] = (f.borger, starts[f.pk])
    aldre = [_alder(b.foedselsdato, s) for b, s in borgere.values()]
    foerste = {}
    for fid, timer in (
        Bevilling.objects.filter(forloeb__in=forloeb)
        .order_by("-start")
        .values_list("forloeb", "timer_pr_uge")
    ):
        foerste[fid] = timer
    varighed = [
        (a.dato - starts[a.forloeb_id]).days + 1
        for a in Afslutning.objects.filter(forloeb__in=forloeb)
        if starts.get(a.forloeb_id)
    ]
    uger = Ugeregistrering.objects.filter(forloeb__in=forloeb)
    n_uger = uger.count()
    interne = Mentor.objects.filter(organisation__in=orgs, type=MentorType.INTERN, aktiv=True)
    belastning = interne.annotate(n=Count("forloeb", filter=Q(forloeb__status="aktiv")))
    return {
        "ydelse": andele(b.ydelsesgruppe for b, _s in borgere.values()),
        "under_30": 100 * sum(a < 30 for a in aldre) / len(aldre),
        "alder": statistics.mean(aldre),
        "mand": 100
        * sum(int(cpr.decrypt(b.cpr_krypteret)[-1]) % 2 for b, _s in borgere.values())
        / len(borgere),
        "timer": andele(str(baand(t, F.TIMER, timer=True)) for t in foerste.values()),
        "timer_median": statistics.median(float(t) for t in foerste.values()),
        "varighed": andele(str(baand(d, F.VARIGHED, timer=False)) for d in varighed),
        "varighed_median": statistics.median(varighed),
        "mentortype": andele(forloeb.exclude(mentor=None).values_list("mentor__type", flat=True)),
        "stoettetype": andele(forloeb.values_list("stoettetype", flat=True)),
        "aarsag": andele(
            Afslutning.objects.filter(forloeb__in=forloeb).values_list("aarsag", flat=True)
        ),
        "intern_belastning": statistics.mean(m.n for m in belastning),
        "kontakt": 100 * uger.filter(minutter_i_alt__gt=0).count() / n_uger,
        "timer_pr_uge": sum(uger.values_list("minutter_i_alt", flat=True)) / 60 / n_uger,
        "ingen_kontakt": andele(
            uger.filter(minutter_i_alt=0).values_list("ingen_kontakt_aarsag", flat=True)
        ),
        "kontaktform": andele(
            Kontakt.objects.filter(registrering__in=uger).values_list("form", flat=True)
        ),
        "forloeb_pr_borger": forloeb.count() / Borger.objects.filter(organisation__in=orgs).count(),
        "ingen_opfoelgning": _uden_opfoelgning(forloeb, starts),
    }


def _uden_opfoelgning(forloeb, starts) -> float:
    """Percent of courses observed over 60 days that never had a follow-up on delivery."""
    today = timezone.localdate()
    lange = [
        f
        for f in forloeb.select_related("afslutning").annotate(n=Count("opfoelgninger"))
        if starts[f.pk]
        and ((f.afslutning.dato if hasattr(f, "afslutning") else today) - starts[f.pk]).days > 60
    ]
    return 100 * sum(f.n == 0 for f in lange) / len(lange)
