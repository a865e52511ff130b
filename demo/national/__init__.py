"""National-size demo data: `manage.py seed_demo --scale national [--fraction F]`.

98 organisations, ~100,000 courses over five years (~20,000 active), their mentor corps
and ~2 million week registrations with their contacts, meetings, follow-ups, status
reports, agreements, ends and outcomes, from the same table (demo.fordelinger) and the
same plan, timeline and week model as the service-driven scales. Everything is planned in
Python with one seeded random.Random and written with PostgreSQL COPY (psycopg 3) in a
single transaction, with ids assigned up front so parent and child rows are written table
by table. No history rows: this is seeded state, not recorded changes.

The rules the services would check are respected where the plan is made (demo.plan,
demo.tidslinje, demo.uger say which service rule each step mirrors) and enforced by the
database where it can (non-overlapping periods, one registration per course and week);
tests/demo/test_national.py checks the rest on the result and runs the compliance scan.
A deliberate minority of courses has the gaps only COPY can write (HUL_* in the table).

When the database role is a superuser, foreign-key triggers are switched off for the load
(session_replication_role = replica) and every foreign key is then checked once,
set-based, before commit; otherwise they are checked row by row as usual.
"""

from __future__ import annotations

import io
import time
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from forloeb.models import (
    Afslutning,
    Arbejdspunkt,
    Bevilling,
    Borger,
    Forloeb,
    Mentor,
    Mentoraftale,
    Mentortilknytning,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Resultat,
    Statusrapport,
    Timeaendring,
)
from organisation.models import Organisation, Team, User
from tidsregistrering.models import Kontakt, Ugeregistrering

from . import boern, forloeb, personer, uger
from .bulk import Ids, batched, check_foreign_keys, copy, drop_plain_indexes
from .kommuner import KOMMUNER
from .kontekst import Kontekst

ALLE = [
    Organisation, Team, User, Mentor, Borger, Forloeb, Mentortilknytning, Bevilling,
    Mentoraftale, Timeaendring, Moede, Arbejdspunkt, Progressionsvurdering, Statusrapport,
    Opfoelgning, Afslutning, Resultat, Ugeregistrering, Kontakt,
]  # fmt: skip


def findes() -> bool:
    """National data is there when one of its organisations is."""
    return Organisation.objects.filter(navn__in=[f"{n} Kommune" for n in KOMMUNER]).exists()


def _plan(ctx: Kontekst, fraction: float) -> tuple[list, list]:
    """Every row but the weeks, in memory; returns the courses for the week pass."""
    personer.tabeller(ctx)
    forloeb.tabeller(ctx)
    boern.tabeller(ctx)
    brugere = personer.Brugere(ctx)
    orgs = personer.organisationer(ctx, fraction, brugere)
    planer = forloeb.planlaeg(ctx, orgs)
    skriver = forloeb.Skriver(ctx)
    for org in orgs:
        personer.korps(ctx, org, forloeb.aktive_pr_type(org, planer[org.id]), brugere)
        skriver.org(org, planer[org.id])
        personer.skriv_mentorer(ctx, org)
    ctx.counts["mentorer"] = sum(len(o.mentorer) for o in orgs)
    ctx.counts["forloeb"] = len(skriver.kurser)
    ctx.counts["aktive"] = sum(aktiv for o in orgs for _p, aktiv in planer[o.id])
    return orgs, skriver.kurser


def seed_national(
    *, fraction: float = 1.0, seed: int = 2019, stdout=None, today: date | None = None,
    scan: bool = True,
) -> dict[str, int]:  # fmt: skip
    """Create the national data set (idempotent: does nothing when it is already there)."""
    if findes():
        if stdout is not None:
            stdout.write("Landsdata findes allerede; intet ændret.")
        return {}
    today = today or timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor, for COPY
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = bool(cursor.fetchone()[0])
        if superuser:
            cursor.execute("SET LOCAL session_replication_role = replica")
        ctx = Kontekst(seed=seed, today=today, ids=Ids(cursor, ALLE), stdout=stdout)
        # Plain (non-constraint) indexes are dropped for the load and rebuilt after it:
        # one sorted build is much cheaper than 2 million inserts into each index.
        # Constraint indexes (primary keys, unique, exclusion) stay and keep checking.
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger events
        store = [m._meta.db_table for m in ALLE if m not in (Organisation, Team, User)]
        genopbyg = drop_plain_indexes(cursor, store)
        orgs, kurser = _plan(ctx, fraction)
        ctx.log(f"plan: {ctx.counts['organisationer']} organisationer, {len(kurser):,} forløb")
        for tabel in ctx.tabeller.values():
            ctx.counts[tabel.navn] = copy(raw, tabel, batched(tabel.lines))
            tabel.lines = []
        ctx.log("personer, forløb, perioder, aftaler, møder m.m. skrevet")
        uger.copy_weeks(ctx, raw, kurser, orgs)
        for sql in genopbyg:
            cursor.execute(sql)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        ctx.log(f"{len(genopbyg)} indeks genopbygget")
        tabeller = list(ctx.tabeller.values())
        if superuser:
            cursor.execute("SET LOCAL session_replication_role = origin")
            check_foreign_keys(cursor, [t.model for t in tabeller])
            ctx.log("fremmednøgler kontrolleret")
        for tabel in tabeller:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabel.navn}', 'id'), "  # noqa: S608
                f"(SELECT COALESCE(max(id), 1) FROM {tabel.navn}))"
            )
    with connection.cursor() as cursor:
        for tabel in tabeller:
            cursor.execute(f"ANALYZE {tabel.navn}")
    ctx.log("ANALYZE færdig")
    if scan:
        ctx.counts["advarsler"] = _scan(ctx)
    return ctx.counts


def _scan(ctx: Kontekst) -> int:
    from compliance import services

    start = time.monotonic()
    resultat = services.scan()
    ctx.log(f"compliance-scan: {resultat} ({time.monotonic() - start:.1f} s)")
    return resultat.oprettet


def summary(counts: dict[str, int]) -> str:
    buf = io.StringIO()
    for key, value in counts.items():
        buf.write(f"  {key:40s} {value:>12,}\n")
    return buf.getvalue()
