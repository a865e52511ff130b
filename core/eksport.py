"""A table as a CSV download, as a Danish spreadsheet opens it: `;`-separated UTF-8 with a
BOM, decimal commas, ISO dates. One writer for every CSV the screens offer."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone


def csv_vaerdi(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_svar(*, kolonner: list[str], raekker, filnavn: str) -> HttpResponse:
    """An attachment `<filnavn>.csv`; the response is not cached (it holds personal data)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(kolonner)
    writer.writerows([[csv_vaerdi(v) for v in row] for row in raekker])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filnavn}.csv"'
    response["Cache-Control"] = "no-store"
    return response
