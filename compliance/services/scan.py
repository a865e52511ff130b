"""The scan: per rule one set-based statement opens flags for offending courses, keeps the
open ones and closes those whose condition is gone. The partial unique index (one open flag
per rule and course) backs the locks up.

Locks (transaction-level advisory locks): a full scan holds the scan key alone; a scan of
some courses (live flags) or of some organisations (a part of the nightly scan) shares the
scan key and holds each of its organisations' keys alone. So no two scans write the same
organisation's flags at once, and parts of different organisations run side by side."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Advarsel, Regelindstillinger
from ..regler import (
    AKTIVE_FRA_TABEL,
    AKTIVE_TABEL,
    REGLER,
    aktive_cte,
    parametre,
    tabeller,
)

log = logging.getLogger(__name__)


# pg_advisory_xact_lock key shared by every scan ("MSCO"), and the class of the
# per-organisation keys (two-int keys are a separate key space).
SCAN_LOCK = 0x4D53434F
SCAN_ORGANISATION = 0x4D534F52


SCAN_SQL = """
WITH o AS (
    SELECT r.forloeb_id, LEAST(min(r.siden), %(today)s::date) AS siden FROM ({regel}) r
    WHERE %(alle)s OR r.forloeb_id = ANY(%(ids)s::bigint[])
    GROUP BY r.forloeb_id
), ansvar AS (
    SELECT o.forloeb_id, o.siden,
           CASE WHEN %(ansvar)s = 'mentor' THEN COALESCE(m.bruger_id, f.sagsbehandler_id)
                ELSE f.sagsbehandler_id END AS ansvarlig_id
    FROM o JOIN {forloeb} f ON f.id = o.forloeb_id
    LEFT JOIN {mentor} m ON m.id = f.mentor_id
), lukket AS (
    UPDATE {advarsel} a SET lukket = GREATEST(%(now)s, a.foerst_set),
        lukket_som = CASE WHEN NOT %(om_afsluttede)s AND EXISTS (
                              SELECT 1 FROM {forloeb} f
                              WHERE f.id = a.forloeb_id AND f.status = 'afsluttet')
                          THEN 'afsluttet' ELSE 'loest' END
    WHERE a.regel = %(kode)s AND a.lukket IS NULL
      AND (%(alle)s OR a.forloeb_id = ANY(%(ids)s::bigint[]))
      AND NOT EXISTS (SELECT 1 FROM o WHERE o.forloeb_id = a.forloeb_id)
    RETURNING a.id
), sete AS (
    UPDATE {advarsel} a SET sidst_set = GREATEST(a.sidst_set, %(now)s),
                            ansvarlig_id = n.ansvarlig_id
    FROM ansvar n
    WHERE a.regel = %(kode)s AND a.lukket IS NULL AND a.forloeb_id = n.forloeb_id
      AND (a.sidst_set < %(now)s OR a.ansvarlig_id IS DISTINCT FROM n.ansvarlig_id)
    RETURNING a.id
), ny AS (
    INSERT INTO {advarsel} (regel, forloeb_id, ansvarlig_id, siden, foerst_set, sidst_set,
                            accept_begrundelse, lukket_som)
    SELECT %(kode)s, n.forloeb_id, n.ansvarlig_id, n.siden, %(now)s, %(now)s, '', ''
    FROM ansvar n
    WHERE NOT %(kun_luk)s AND NOT EXISTS (
        SELECT 1 FROM {advarsel} a
        WHERE a.regel = %(kode)s AND a.lukket IS NULL AND a.forloeb_id = n.forloeb_id)
    ON CONFLICT (regel, forloeb_id) WHERE lukket IS NULL DO NOTHING
    RETURNING id
)
SELECT (SELECT count(*) FROM ny), (SELECT count(*) FROM lukket), (SELECT count(*) FROM sete)
"""


@dataclass
class ScanResultat:
    oprettet: int = 0
    lukket: int = 0
    set: int = 0
    pr_regel: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __str__(self) -> str:
        return _("%(ny)s nye, %(lukket)s lukkede, %(set)s stadig åbne advarsler") % {
            "ny": self.oprettet,
            "lukket": self.lukket,
            "set": self.set,
        }


def scan(
    now: dt.datetime | None = None,
    *,
    kun_luk: bool = False,
    forloeb_ids: list[int] | None = None,
    organisation_ids: list[int] | None = None,
) -> ScanResultat:
    """Run every rule once. Idempotent; concurrent scans wait for each other.

    `kun_luk` is the light daytime pass: flags whose condition is gone are closed (so a fix
    shows at once), but new flags are only opened by the full nightly scan.

    `forloeb_ids` re-evaluates only those courses after a change: the rules are computed
    as in a full scan (a mentor's load depends on her other courses) and only those
    courses' flags are written, so they end exactly as a full scan would leave them.
    The active set is built for those courses only, which makes one course's rules cost
    milliseconds instead of a national scan.

    `organisation_ids` scans those organisations' courses (a part of the nightly scan).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    resultat = ScanResultat()
    tables = {**tabeller(), "advarsel": Advarsel._meta.db_table}
    with transaction.atomic(), connection.cursor() as cursor:
        alle = forloeb_ids is None and organisation_ids is None
        if alle:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCAN_LOCK])
        else:
            if organisation_ids is not None:
                cursor.execute(
                    f"SELECT id FROM {tables['forloeb']} "  # noqa: S608
                    "WHERE organisation_id = ANY(%s::bigint[])",
                    [list(organisation_ids)],
                )
                forloeb_ids = [row[0] for row in cursor.fetchall()]
            _laas_organisationer(cursor, forloeb_ids, organisation_ids, tables)
        ids = list(forloeb_ids or [])
        params = parametre(today, Regelindstillinger.hent())
        # The active set once for all rules (re-evaluating the CTE in each rule cost ~2.5x;
        # see bench/RESULTS.md). Dropped first in case an outer transaction still holds it.
        cursor.execute(f"DROP TABLE IF EXISTS {AKTIVE_TABEL}")
        cursor.execute(
            f"CREATE TEMP TABLE {AKTIVE_TABEL} ON COMMIT DROP AS "  # noqa: S608 (constants)
            f"WITH {aktive_cte()} SELECT * FROM aktive "
            "WHERE %(alle)s OR id = ANY(%(ids)s::bigint[])",
            {**params, "alle": alle, "ids": ids},
        )
        cursor.execute(f"ANALYZE {AKTIVE_TABEL}")
        for kode, regel in REGLER.items():
            sql = SCAN_SQL.format(regel=regel.query(AKTIVE_FRA_TABEL), **tables)
            cursor.execute(
                sql,
                {
                    **params,
                    "kode": kode,
                    "now": now,
                    "ansvar": regel.ansvarlig,
                    "kun_luk": kun_luk,
                    "om_afsluttede": regel.om_afsluttede,
                    "alle": alle,
                    "ids": ids,
                },
            )
            ny, lukket, sete = cursor.fetchone()
            resultat.oprettet += ny
            resultat.lukket += lukket
            resultat.set += sete
            resultat.pr_regel[kode] = (ny, lukket)
    log.info(
        "compliance scan%s: %s new, %s closed",
        "" if alle else f" of {len(ids)} course(s)",
        resultat.oprettet,
        resultat.lukket,
    )
    return resultat


def _laas_organisationer(cursor, forloeb_ids, organisation_ids, tables) -> None:
    """Share the scan key, then hold each organisation's key, in id order (no deadlock)."""
    cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [SCAN_LOCK])
    if organisation_ids is not None:
        organisationer = sorted(set(organisation_ids))
    else:
        cursor.execute(
            f"SELECT DISTINCT organisation_id FROM {tables['forloeb']} "  # noqa: S608
            "WHERE id = ANY(%s::bigint[]) ORDER BY 1",
            [list(forloeb_ids)],
        )
        organisationer = [row[0] for row in cursor.fetchall()]
    for org in organisationer:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [SCAN_ORGANISATION, org])
