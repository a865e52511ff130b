"""Months as the settlement counts them: a week belongs to the month of its Monday.

So ISO week 53 of 2026 (Monday 28 December) is December's, and week 1 of 2027 (Monday
4 January) is January's; a week that straddles the turn of a month is never split.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def foerste(dato: dt.date) -> dt.date:
    return dato.replace(day=1)


def naeste(maaned: dt.date) -> dt.date:
    return dt.date(maaned.year + maaned.month // 12, maaned.month % 12 + 1, 1)


def sidste_dag(maaned: dt.date) -> dt.date:
    return naeste(maaned) - dt.timedelta(days=1)


def ugens_maaned(mandag: dt.date) -> dt.date:
    """The month a week (given by its Monday) belongs to."""
    return foerste(mandag)


def mandage(maaned: dt.date) -> list[dt.date]:
    """The Mondays of the month: the weeks that belong to it."""
    dag = maaned + dt.timedelta(days=(7 - maaned.weekday()) % 7)
    result = []
    while dag.month == maaned.month:
        result.append(dag)
        dag += dt.timedelta(weeks=1)
    return result


def kan_godkendes_fra(maaned: dt.date) -> dt.date:
    """The day after the Sunday of the month's last week: every week of it has ended."""
    return mandage(maaned)[-1] + dt.timedelta(days=7)


def tekst(maaned: dt.date) -> str:
    """ "marts 2026" (Django's month names in the active language)."""
    return date_format(maaned, "F Y")


def kode(maaned: dt.date) -> str:
    return f"{maaned:%Y-%m}"


def fra_kode(value: str, *, felt: str = "maaned") -> dt.date:
    """ "ÅÅÅÅ-MM" → the month's first day; a Danish field error otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", (value or "").strip())
    if not match or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2100:
        raise ValidationError({felt: _("Angiv måneden som ÅÅÅÅ-MM, fx 2026-03.")})
    return dt.date(int(match[1]), int(match[2]), 1)
