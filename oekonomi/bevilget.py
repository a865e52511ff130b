"""Granted hours beside delivered ones, asked of the one answer for each half.

Which days of a week are a mentor's part comes from `tidsregistrering.dele` (her
assignment, a granted period, not after the end); the hours granted on those days come
from `forloeb.timer` (a day is 1/7 of the weekly hours in force). So the week of a mentor
change splits its granted hours between the two mentors exactly as the registration
splits the days, and nothing here restates either rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from forloeb.models import Afslutning, Bevilling, Mentortilknytning
from forloeb.timer import Timesegment, bevilgede_timer, timesegmenter
from tidsregistrering import dele


@dataclass
class Forloebsdata:
    perioder: list = field(default_factory=list)
    segmenter: list[Timesegment] = field(default_factory=list)
    tilknytninger: list = field(default_factory=list)
    afslutning: dt.date | None = None


def hent(forloeb_ids: Iterable[int]) -> dict[int, Forloebsdata]:
    """Periods (with hours changes), mentor assignments and end dates of the courses, in
    three queries whatever their number."""
    ids = set(forloeb_ids)
    data = {fid: Forloebsdata() for fid in ids}
    perioder = Bevilling.objects.filter(forloeb_id__in=ids).prefetch_related(
        Prefetch("timeaendringer")
    )
    for b in perioder:
        data[b.forloeb_id].perioder.append(b)
    for d in data.values():
        d.segmenter = timesegmenter(d.perioder)
    for t in Mentortilknytning.objects.filter(forloeb_id__in=ids).only(
        "forloeb_id", "mentor_id", "fra", "til"
    ):
        data[t.forloeb_id].tilknytninger.append(t)
    for fid, dato in Afslutning.objects.filter(forloeb_id__in=ids).values_list(
        "forloeb_id", "dato"
    ):
        data[fid].afslutning = dato
    return data


def mentorens_timer(data: Forloebsdata, *, mentor_id: int, mandag: dt.date) -> Decimal:
    """Hours granted on the mentor's part of the week starting `mandag`."""
    dage = dele.mentorens_dage(
        mandag=mandag,
        perioder=data.perioder,
        tilknytninger=data.tilknytninger,
        mentor_id=mentor_id,
        afslutning=data.afslutning,
    )
    return sum((bevilgede_timer(data.segmenter, d, d) for d in dage), Decimal(0))


def resterende_timer(data: Forloebsdata, *, fra: dt.date, til: dt.date) -> Decimal:
    """Hours granted on the days [fra, til] (the committed rest of the periods)."""
    if fra > til:
        return Decimal(0)
    return bevilgede_timer(data.segmenter, fra, til)
