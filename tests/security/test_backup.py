"""docs/backup.md's procedure works: a custom-format pg_dump restores into a fresh
database with every row of every table."""

import uuid

import psycopg
import pytest
from django.db import connection

from core.adgang import log_adgang
from core.models import Handling

from . import pg

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TABLES = """
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
"""


def _counts(cur) -> dict[str, int]:
    cur.execute(TABLES)
    tables = [row[0] for row in cur.fetchall()]
    counts = {}
    for table in tables:
        cur.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
        counts[table] = cur.fetchone()[0]
    return counts


def _connect(dbname: str):
    p = pg.conn_params(dbname)
    return psycopg.connect(
        dbname=p["dbname"],
        host=p["host"],
        port=p["port"],
        user=p["user"],
        password=p["password"] or None,
        autocommit=True,
    )


def test_sikkerhedskopi_genskabes_i_ny_database_med_alle_poster(scenarie, tmp_path):
    log_adgang(user=scenarie.sagsbehandler, handling=Handling.VIS_BORGER, borger=scenarie.borger_b)
    with connection.cursor() as cur:
        before = _counts(cur)
        cur.execute("SELECT id, cpr_krypteret, navn FROM forloeb_borger ORDER BY id")
        borgere = cur.fetchall()
    assert before["forloeb_forloeb"] == 2
    assert before["forloeb_historicalbevilling"] >= 2
    assert before["core_adgangslog"] == 1

    dump = tmp_path / "mentorsag.dump"
    pg.run("pg_dump", "--format=custom", "--file", str(dump))
    target = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{target}"')
    try:
        pg.run("pg_restore", "--no-owner", "--exit-on-error", str(dump), dbname=target)
        with _connect(target) as restored, restored.cursor() as cur:
            after = _counts(cur)
            cur.execute("SELECT id, cpr_krypteret, navn FROM forloeb_borger ORDER BY id")
            assert cur.fetchall() == borgere
        assert after == before
    finally:
        with connection.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
