"""Drawing from the table: quotas, weighted choices, CPR numbers. Plain Python, no ORM."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from . import fordelinger as F


def quota(rng: random.Random, n: int, weights: dict) -> list:
    """n values whose shares follow the weights as closely as whole numbers allow
    (largest remainder), shuffled."""
    total = sum(weights.values())
    exact = {k: n * w / total for k, w in weights.items()}
    counts = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[
        : n - sum(counts.values())
    ]:
        counts[k] += 1
    items = [k for k, c in counts.items() for _ in range(c)]
    rng.shuffle(items)
    return items


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def between(rng: random.Random, bounds: tuple[int, int]) -> int:
    return rng.randint(*bounds)


def bands(rng: random.Random, n: int, spand: list[F.Spand]) -> list[int]:
    """The band index of n draws, by quota."""
    return quota(rng, n, {i: s.andel for i, s in enumerate(spand)})


def timer(rng: random.Random, band: int) -> Decimal:
    return Decimal(rng.choice(F.TIMER[band].vaerdier))


def varighed(rng: random.Random, band: int) -> int:
    return rng.randint(*F.VARIGHED[band].vaerdier)


def alder(rng: random.Random, under_30: bool) -> int:
    if under_30:
        return rng.randint(*F.ALDER_UNDER_30)
    low, high, mode = F.ALDER_30_PLUS
    return round(rng.triangular(low, high, mode))


def score(rng: random.Random, mean_sd: tuple[float, float]) -> int:
    return min(5, max(1, round(rng.gauss(*mean_sd))))


def problemomraader(rng: random.Random, under_30: bool) -> list[str]:
    areas = {weighted(rng, F.PROBLEMOMRAADER) for _ in range(between(rng, F.PROBLEMOMRAADER_ANTAL))}
    if under_30 and rng.random() < F.UNGE_UDDANNELSE:
        areas.add("uddannelse")
    return sorted(str(a) for a in areas)


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def cpr_nummer(rng: random.Random, born: date, mand: bool, brugt: set[str]) -> str:
    """A valid CPR number for the birth date (century digit per CPR-kontoret), unique in
    `brugt`; odd last digit for men."""
    for _ in range(1000):
        seventh = rng.choice("49" if born.year >= 2000 else "0123")
        last = rng.choice("13579" if mand else "02468")
        digits = f"{born:%d%m%y}{seventh}{rng.randrange(100):02d}{last}"
        if digits not in brugt:
            brugt.add(digits)
            return digits
    raise RuntimeError("no free CPR number")


def foedselsdato(rng: random.Random, start: date, alder_: int) -> date:
    """Born so that the citizen is `alder_` years old on the course's start."""
    try:
        anniversary = start.replace(year=start.year - alder_)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year - alder_, day=28)
    return anniversary - timedelta(days=rng.randint(0, 364))
