"""Settlements and the budget as rows for finance (CSV and XLSX) and for the API.

One table per export, built once from the selectors' figures, so the screen, the files
and the API never disagree. CSV is `;`-separated UTF-8 with BOM and decimal commas, as a
Danish spreadsheet opens it; XLSX keeps numbers as numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.eksport import celle, raekke

from . import maaneder
from .selectors.afregning import Udkast

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def afregning_kolonner() -> list[str]:
    return [
        _("Linje"),
        _("Leverandør"),
        _("CVR"),
        _("Team"),
        _("Afregningsmåned"),
        _("Forløb"),
        _("Mentor"),
        _("År"),
        _("Uge"),
        _("Ugens mandag"),
        _("Bevilgede timer"),
        _("Godkendte timer"),
        _("Tidligere afregnede timer"),
        _("Timepris"),
        _("Beløb"),
        _("Tidligere afregnet"),
        _("Årsag"),
    ]


def afregning_raekker(udkast: Udkast) -> list[list]:
    faelles = [
        udkast.leverandoer.navn,
        udkast.leverandoer.cvr,
        udkast.team.navn,
        maaneder.kode(udkast.maaned),
    ]
    rows = []
    for art, linjer in ((_("Uge"), udkast.linjer), (_("Korrektion"), udkast.korrektioner)):
        for linje in linjer:
            rows.append(
                [art, *faelles, linje.forloeb_id, linje.mentor_navn, linje.aar, linje.uge,
                 linje.uge_start, linje.bevilget_timer, linje.timer, linje.tidligere_timer,
                 linje.timepris, linje.beloeb, linje.tidligere_beloeb, linje.aarsag_tekst]
            )  # fmt: skip
    for a in udkast.afventer:
        rows.append(
            [_("Ikke godkendt"), *faelles, a.forloeb_id, a.mentor_navn, a.aar, a.uge,
             a.uge_start, None, a.timer, None, None, None, None,
             _("Genåbnet") if a.genaabnet else _("Afventer godkendelse")]
        )  # fmt: skip
    return rows


def _csv_vaerdi(value) -> str:
    value = celle(value)  # text only; a negative Decimal stays a number
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def svar(*, kolonner: list[str], raekker: list[list], filnavn: str, format: str, ark: str):
    """An attachment of the table as CSV or XLSX."""
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(raekke(kolonner))
        writer.writerows([[_csv_vaerdi(v) for v in row] for row in raekker])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(ark[:31])
        ws.append(raekke(kolonner))
        for row in raekker:
            ws.append(raekke(row))  # openpyxl writes Decimal as a number, dates as dates
        out = io.BytesIO()
        wb.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filnavn}.{format}"'
    return response
