"""Granted hours: one answer to "which hours are in effect on a day, in a week, a month".

Hours per week are granted per period and changed by recorded decisions (Timeaendring),
each from its own day. A day is worth 1/7 of the weekly hours in force that day, so a week
inside one period gets exactly its weekly hours, a renewal in mid-week is counted once,
and a change from a Wednesday counts from that Wednesday. The agreement, the delivery
panel, LEVERING_AFVIGER, the dashboard, snapshots and exports all use this (SQL twin:
forloeb.sql.SEGMENTER, parity test in tests/forloeb/test_paritet.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

SYV = Decimal(7)


@dataclass(frozen=True)
class Timesegment:
    fra: date
    til: date
    timer: Decimal  # per week


def timesegmenter(perioder: Iterable) -> list[Timesegment]:
    """Segments of constant weekly hours for Bevilling rows (their `timeaendringer`
    prefetched or not), in date order."""
    segmenter = []
    for periode in perioder:
        punkter = [(periode.start, 0, periode.timer_pr_uge)]
        punkter += [(t.gaelder_fra, 1, t.timer_pr_uge) for t in periode.timeaendringer.all()]
        punkter.sort(key=lambda p: (p[0], p[1]))
        for i, (fra, _kilde, timer) in enumerate(punkter):
            til = punkter[i + 1][0] - timedelta(days=1) if i + 1 < len(punkter) else periode.slut
            if til >= fra:
                segmenter.append(Timesegment(fra, til, Decimal(timer)))
    return sorted(segmenter, key=lambda s: s.fra)


def timer_gaeldende(segmenter: Iterable[Timesegment], dato: date) -> Decimal | None:
    """Weekly hours in force on `dato`; None outside every period."""
    for s in segmenter:
        if s.fra <= dato <= s.til:
            return s.timer
    return None


def dagtimer(segmenter: Iterable[Timesegment], fra: date, til: date) -> Decimal:
    """Granted hour-days inside [fra, til]: hours are this divided by 7 (kept apart so
    comparisons stay exact)."""
    total = Decimal(0)
    for s in segmenter:
        start, slut = max(s.fra, fra), min(s.til, til)
        if start <= slut:
            total += ((slut - start).days + 1) * s.timer
    return total


def bevilgede_timer(segmenter: Iterable[Timesegment], fra: date, til: date) -> Decimal:
    """Granted hours inside [fra, til], e.g. a week (Monday to Sunday) or a month."""
    return dagtimer(segmenter, fra, til) / SYV


def ugens_timer(segmenter: Iterable[Timesegment], mandag: date) -> Decimal:
    return bevilgede_timer(segmenter, mandag, mandag + timedelta(days=6))


def formater_timer(value) -> str:
    """Hours as a Dane writes them, the same on screen, in print and in the PDF: 2, 2,5,
    1,14 (at most two decimals, no trailing zeros)."""
    value = Decimal(value).quantize(Decimal("0.01"))
    if value == value.to_integral():
        return str(int(value))
    return f"{value.normalize():f}".replace(".", ",")
