"""Small cells are suppressed so that no person can be recognised in a statistic.

Primary suppression: a cell behind which there are fewer than GRAENSE (5) courses shows
neither its number nor its shares. Complementary suppression: a table shows its total, so
one suppressed cell could be worked out as total minus the others; while a column's
suppressed cells are a single cell or together fewer than GRAENSE courses, the smallest
cell still shown is suppressed too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

GRAENSE = 5


class Celle(Protocol):
    n: int
    skjult: bool


def undertryk(celler: Iterable[Celle]) -> None:
    """Mark the cells of one column (the groups of a table beside its shown total)."""
    celler = [c for c in celler if c.n > 0]
    for c in celler:
        c.skjult = c.n < GRAENSE
    while True:
        skjulte = [c for c in celler if c.skjult]
        viste = sorted((c for c in celler if not c.skjult), key=lambda c: c.n)
        if not skjulte or not viste:
            return
        if len(skjulte) > 1 and sum(c.n for c in skjulte) >= GRAENSE:
            return
        viste[0].skjult = True


def undertryk_total(celle: Celle) -> None:
    celle.skjult = 0 < celle.n < GRAENSE
