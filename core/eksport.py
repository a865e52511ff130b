"""Every CSV and XLSX cell we write: text cannot become a formula, and a table becomes a
CSV download as a Danish spreadsheet opens it.

A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return ahead of
one) as a formula, so a citizen named "=1+2" or "=HYPERLINK(...)" would run in finance's
Excel. Such text gets a leading apostrophe, which the spreadsheet shows as text. Only
strings are touched: numbers (negative ones too), dates and None stay what they are.

CSV downloads: `;`-separated UTF-8 with a BOM, decimal commas, ISO dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

FORMELTEGN = ("=", "+", "-", "@", "\t", "\r")


def celle(value):
    """The value as a cell that cannot run: text that starts like a formula is prefixed '."""
    if isinstance(value, str) and value.startswith(FORMELTEGN):
        return "'" + value
    return value


def raekke(values: Iterable) -> list:
    """A row of cells (see `celle`)."""
    return [celle(v) for v in values]


def csv_vaerdi(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return celle(str(value))


def csv_svar(*, kolonner: list[str], raekker, filnavn: str) -> HttpResponse:
    """An attachment `<filnavn>.csv`; the response is not cached (it holds personal data)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(raekke(kolonner))
    writer.writerows([[csv_vaerdi(v) for v in row] for row in raekker])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filnavn}.csv"'
    response["Cache-Control"] = "no-store"
    return response
