"""Reading an import file: CSV (comma or semicolon, UTF-8 with or without BOM, as Excel
writes it) or XLSX, into rows of text keyed by column name, with their row numbers.

A file that cannot be read, or lacks a required column, is one `Filfejl` with a Danish
message: nothing of it is imported, and nothing is guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

# The course file: one row per grant period (docs/import/README.md describes each column).
FORLOEB_PAAKRAEVET = (
    "sagsnummer",
    "cpr",
    "navn",
    "ydelsesgruppe",
    "formaal",
    "maal",
    "opgaver",
    "lovgrundlag",
    "sagsbehandler",
    "team",
    "mentor",
    "periode_start",
    "periode_slut",
    "timer_pr_uge",
    "kvalifikationer",
)
FORLOEB_VALGFRI = (
    "mentor_fra",
    "vurdering",
    "aftale_udleveret",
    "udleveringsmaade",
    "udskrivningsdato",
    "optagelsesdato",
    "ud_over_normalt",
)
UGER_PAAKRAEVET = ("sagsnummer", "aar", "uge")
UGER_VALGFRI = ("minutter", "form", "ingen_kontakt_aarsag", "registreret")


class Filfejl(Exception):
    """The file as a whole cannot be imported (its message is Danish)."""

    def __init__(self, besked: str):
        super().__init__(besked)
        self.besked = besked


class Afbryd(Exception):  # noqa: N818 (a control-flow signal, not an error)
    """One course cannot go on (its errors are recorded)."""


@dataclass(frozen=True)
class Raekke:
    nr: int  # the row number as the spreadsheet shows it (the header is row 1)
    data: dict[str, str]

    def __getitem__(self, kolonne: str) -> str:
        return self.data.get(kolonne, "")


def _tekst(value) -> str:
    """A cell as the text a user typed: dates ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float | Decimal):
        return str(value)
    return str(value).strip()


def _csv_rows(indhold: bytes) -> list[list[str]]:
    try:
        tekst = indhold.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Filfejl(
            _("Filen er ikke gemt som UTF-8. Gem den i Excel som »CSV UTF-8 (kommasepareret)«.")
        ) from None
    foerste = tekst.split("\n", 1)[0]
    skilletegn = ";" if foerste.count(";") > foerste.count(",") else ","
    return list(csv.reader(io.StringIO(tekst, newline=""), delimiter=skilletegn))


def _xlsx_rows(indhold: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        bog = load_workbook(io.BytesIO(indhold), read_only=True, data_only=True)
        ark = bog.worksheets[0]
        rows = [[_tekst(c) for c in row] for row in ark.iter_rows(values_only=True)]
        bog.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError):
        raise Filfejl(
            _("Filen kan ikke læses som et Excel-regneark (xlsx). Gem den igen fra Excel.")
        ) from None
    return rows


def laes(
    filnavn: str, indhold: bytes, *, paakraevet: tuple[str, ...], valgfri: tuple[str, ...]
) -> list[Raekke]:
    """The rows of a CSV or XLSX file; empty rows are skipped."""
    if filnavn.lower().endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(indhold)
    elif filnavn.lower().endswith((".csv", ".txt")):
        rows = _csv_rows(indhold)
    else:
        raise Filfejl(_("Filen skal være en CSV-fil (.csv) eller et Excel-regneark (.xlsx)."))
    if not rows or not any(c.strip() for c in rows[0]):
        raise Filfejl(_("Filen er tom; første række skal være kolonnenavnene."))
    kolonner = [c.strip().lower() for c in rows[0]]
    mangler = [k for k in paakraevet if k not in kolonner]
    if mangler:
        raise Filfejl(_("Filen mangler kolonnen/kolonnerne: %(k)s.") % {"k": ", ".join(mangler)})
    kendte = set(paakraevet) | set(valgfri)
    ukendte = [k for k in kolonner if k and k not in kendte]
    if ukendte:
        raise Filfejl(
            _("Ukendt kolonne/kolonner: %(k)s. Se skabelonen i docs/import/.")
            % {"k": ", ".join(ukendte)}
        )
    result = []
    for nr, row in enumerate(rows[1:], start=2):
        celler = [_tekst(c) for c in row]
        if not any(celler):
            continue
        data = {k: (celler[i] if i < len(celler) else "") for i, k in enumerate(kolonner) if k}
        result.append(Raekke(nr=nr, data=data))
    return result


_DATO_DK = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


# --- parsing a cell ---------------------------------------------------------------------


def parse_dato(tekst: str) -> dt.date:
    tekst = (tekst or "").strip()
    match = _DATO_DK.match(tekst)
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return dt.date.fromisoformat(tekst)
    except ValueError:
        raise ValueError(
            _("»%(v)s« er ikke en dato; skriv dd-mm-åååå eller åååå-mm-dd.") % {"v": tekst}
        ) from None


def parse_tidspunkt(tekst: str) -> dt.datetime:
    """When something happened: a date (dd-mm-åååå or ISO; noon that day, or now if that
    is today) or an ISO date and time, in Danish time unless it names its own zone."""
    try:
        dato = parse_dato(tekst)
    except ValueError:
        try:
            tidspunkt = dt.datetime.fromisoformat((tekst or "").strip())
        except ValueError:
            raise ValueError(
                _("»%(v)s« er ikke et tidspunkt; skriv dd-mm-åååå eller åååå-mm-dd.") % {"v": tekst}
            ) from None
        if timezone.is_naive(tidspunkt):
            tidspunkt = timezone.make_aware(tidspunkt)
        return tidspunkt
    if dato == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(dato, dt.time(12)))


def parse_decimal(tekst: str) -> Decimal:
    try:
        return Decimal((tekst or "").strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("»%(v)s« er ikke et tal.") % {"v": tekst}) from None


def parse_heltal(tekst: str) -> int:
    try:
        return int((tekst or "").strip())
    except ValueError:
        raise ValueError(_("»%(v)s« er ikke et helt tal.") % {"v": tekst}) from None


def kode_af(tekst: str) -> str:
    return (tekst or "").strip().lower()
