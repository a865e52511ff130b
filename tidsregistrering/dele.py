"""Who registers which days: one answer for the service, Min uge, the delivery panel and
the rules (SQL twin: tidsregistrering.sql.DELE; parity test in tests/tidsregistrering).

A mentor's part of a week is the days that lie in a granted period, in her assignment to
the course, and not after the course's end. A week with a part is a week someone must
register; the week of a mentor change has two parts, one per mentor.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def dage(
    *,
    mandag: date,
    perioder: Iterable,
    tilknytninger: Iterable,
    afslutning: date | None = None,
) -> list[date]:
    """The days of the week starting `mandag` inside a period (objects with start/slut) and
    an assignment (fra/til, til None = open), up to the end date if the course ended."""
    perioder, tilknytninger = list(perioder), list(tilknytninger)
    result = []
    for i in range(7):
        dag = mandag + timedelta(days=i)
        if afslutning is not None and dag > afslutning:
            break
        if not any(p.start <= dag <= p.slut for p in perioder):
            continue
        if any(t.fra <= dag and (t.til is None or dag <= t.til) for t in tilknytninger):
            result.append(dag)
    return result


def mentorens_dage(*, mandag: date, perioder, tilknytninger, mentor_id, afslutning=None):
    """`dage` for one mentor's assignments."""
    return dage(
        mandag=mandag,
        perioder=perioder,
        tilknytninger=[t for t in tilknytninger if t.mentor_id == mentor_id],
        afslutning=afslutning,
    )


def dele(*, mandag: date, perioder, tilknytninger, afslutning=None) -> dict[int, list[date]]:
    """mentor id -> her days of the week, for every mentor with a part."""
    tilknytninger = list(tilknytninger)
    result = {}
    for mentor_id in dict.fromkeys(t.mentor_id for t in tilknytninger):
        days = mentorens_dage(
            mandag=mandag,
            perioder=perioder,
            tilknytninger=tilknytninger,
            mentor_id=mentor_id,
            afslutning=afslutning,
        )
        if days:
            result[mentor_id] = days
    return result
