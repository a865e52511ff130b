"""One answer to "what does an hour of this mentor cost in this week".

A mentor with a provider (`Mentor.leverandoer`) costs the provider's contract price; any
other mentor costs the organisation's internal rate for her mentor type. The price of a
week is the one in force on the week's Monday — the same day that decides which month
the week belongs to — so a price change from a Wednesday applies from the next week.
Settlement, budget, screens, exports and the API all ask here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import InternTimesats, Kontrakt

OERE = Decimal("0.01")


def beloeb(minutter: int, timepris: Decimal | None) -> Decimal:
    """Kroner for `minutter` at `timepris`, rounded to øre (half up) per line."""
    if not minutter or timepris is None:
        return Decimal("0.00")
    return (Decimal(minutter) * timepris / 60).quantize(OERE, rounding=ROUND_HALF_UP)


def kroner(timer: Decimal, timepris: Decimal | None) -> Decimal | None:
    """Kroner for (granted, unrounded) hours at `timepris`; None without a price."""
    if timepris is None:
        return None
    return (timer * timepris).quantize(OERE, rounding=ROUND_HALF_UP)


def timer(minutter: int) -> Decimal:
    return (Decimal(minutter) / 60).quantize(OERE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Pris:
    timepris: Decimal | None
    kontrakt_id: int | None = None
    intern: bool = False


INGEN_PRIS = Pris(None)


class Prisbog:
    """Every contract and internal rate of one organisation, read once (two queries)."""

    def __init__(self, organisation_id: int):
        self.kontrakter: dict[int, list[Kontrakt]] = {}
        for k in Kontrakt.objects.filter(leverandoer__organisation_id=organisation_id):
            self.kontrakter.setdefault(k.leverandoer_id, []).append(k)
        self.satser: dict[str, list[InternTimesats]] = {}
        for s in InternTimesats.objects.filter(organisation_id=organisation_id):
            self.satser.setdefault(s.mentortype, []).append(s)

    def kontrakt(self, leverandoer_id: int, mandag: dt.date) -> Kontrakt | None:
        for k in self.kontrakter.get(leverandoer_id, ()):
            if k.gaelder(mandag):
                return k
        return None

    def leverandoer_pris(self, leverandoer_id: int, mandag: dt.date) -> Pris:
        k = self.kontrakt(leverandoer_id, mandag)
        return Pris(k.timepris, k.pk) if k else INGEN_PRIS

    def intern_pris(self, mentortype: str, mandag: dt.date) -> Pris:
        for s in self.satser.get(mentortype, ()):
            if s.gaelder(mandag):
                return Pris(s.timepris, intern=True)
        return Pris(None, intern=True)

    def pris(self, *, leverandoer_id: int | None, mentortype: str, mandag: dt.date) -> Pris:
        """The price of an hour in the week starting `mandag`."""
        if leverandoer_id is not None:
            return self.leverandoer_pris(leverandoer_id, mandag)
        return self.intern_pris(mentortype, mandag)
