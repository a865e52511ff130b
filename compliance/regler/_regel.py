"""A rule of the catalogue and the parameters every rule's SQL is run with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from forloeb import sql as forloeb_sql
from tidsregistrering import sql as tid_sql

SAGSBEHANDLER = "sagsbehandler"
MENTOR = "mentor"


def tabeller() -> dict[str, str]:
    return {**forloeb_sql.tabeller(), **tid_sql.tabeller()}


def aktive_cte() -> str:
    return forloeb_sql.AKTIVE.format(**tabeller())


# The scan builds the active set once per run (a temp table dropped at commit, analysed so
# the planner knows its size) and every rule reads it instead of re-evaluating `aktive`.
AKTIVE_TABEL = "scan_aktive"
AKTIVE_FRA_TABEL = f"aktive AS (SELECT * FROM {AKTIVE_TABEL})"  # noqa: S608 (constant)


@dataclass(frozen=True)
class Regel:
    kode: str
    titel: str
    grundlag: str
    rettelse: str
    ansvarlig: str  # SAGSBEHANDLER or MENTOR
    sql: str
    # Rules about ended courses: their flags close as solved, not as "closed by the end".
    om_afsluttede: bool = False

    def query(self, aktive: str | None = None) -> str:
        """The rule's SELECT with table names and fragments filled in; params from
        `parametre()`. `aktive` replaces the active set's definition (the scan reads a set
        built once)."""
        t = tabeller()
        return self.sql.format(
            aktive=aktive or aktive_cte(),
            dele=tid_sql.DELE.format(**t),
            segmenter=forloeb_sql.SEGMENTER.format(
                hvor="WHERE b.forloeb_id IN (SELECT id FROM aktive)", **t
            ),
            dagtimer=forloeb_sql.dagtimer("%(levering_start)s::date", "%(lukket_uge)s::date + 6"),
            **t,
        )


def lukket_uge(today: dt.date, frist_ugedag: int) -> dt.date:
    """Monday of the most recent week whose registration deadline (e.g. Wednesday) has
    passed: on Thursday last week is closed, on Wednesday it is not yet."""
    mandag = today - dt.timedelta(days=today.isoweekday() - 1)
    if today.isoweekday() > frist_ugedag:
        return mandag - dt.timedelta(weeks=1)
    return mandag - dt.timedelta(weeks=2)


def parametre(today: dt.date, indstillinger) -> dict:
    """Query parameters for a scan on `today` with the administrator's thresholds."""
    lukket = lukket_uge(today, indstillinger.registrering_frist_ugedag)
    return {
        "today": today,
        "lukket_uge": lukket,
        "frist_dage": indstillinger.registrering_frist_ugedag,
        "aftale_dage": indstillinger.aftale_dage,
        "udloeber_dage": indstillinger.periode_udloeber_dage,
        "trepart_dage": indstillinger.trepartsmoede_uger * 7,
        "kontakt_uger": indstillinger.ingen_kontakt_uger,
        "kontakt_uger_rop": indstillinger.ingen_kontakt_uger_ret_og_pligt,
        "rop_former": list(indstillinger.ret_og_pligt_kontaktformer),
        "levering_start": lukket - dt.timedelta(weeks=indstillinger.levering_uger - 1),
        "levering_min": indstillinger.levering_min_pct,
        "levering_max": indstillinger.levering_max_pct,
        "opfoelgning_dage": indstillinger.opfoelgning_uger * 7,
        "statusrapport_dage": indstillinger.statusrapport_uger * 7,
        "resultat_dage": indstillinger.resultat_frist_dage,
        # Every course; a restricted scan (compliance.services.scan) narrows it to `ids`.
        "alle": True,
        "ids": [],
    }
