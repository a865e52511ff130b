"""One rule for every CSV and XLSX cell we write: text cannot become a formula.

A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return ahead of
one) as a formula, so a citizen named "=1+2" or "=HYPERLINK(...)" would run in finance's
Excel. Such text gets a leading apostrophe, which the spreadsheet shows as text. Only
strings are touched: numbers (negative ones too), dates and None stay what they are.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMELTEGN = ("=", "+", "-", "@", "\t", "\r")


def celle(value):
    """The value as a cell that cannot run: text that starts like a formula is prefixed '."""
    if isinstance(value, str) and value.startswith(FORMELTEGN):
        return "'" + value
    return value


def raekke(values: Iterable) -> list:
    """A row of cells (see `celle`)."""
    return [celle(v) for v in values]
