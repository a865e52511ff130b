"""With a streaming replica configured (REPLICA_DATABASE_URL), the team leader's dashboard,
its export and the economy pages read from the replica, writes go to the primary, a user
who has just written reads from the primary until the replica has their write, and with
the replica down the pages still answer from the primary.

A real primary and replica of their own (tests/drift/pgpar.py) hold a copy of the test
database; the app runs as gunicorn against them. The replica lags on purpose: replay is
paused with pg_wal_replay_pause()."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from compliance import services
from compliance.models import Advarsel
from forloeb.models import Forloeb
from organisation.models import Rolle
from tests.compliance.conftest import kompliant_forloeb, seneste_torsdag
from tests.conftest import wait_until
from tests.factories import PASSWORD, user_with_role

from .pgpar import PgPar
from .prosesser import Gunicorn, Redis, miljoe

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DASHBOARD = "/compliance/"
EKSPORT = "/compliance/forloeb/eksport.csv?maal=aktive"
OEKONOMI = [
    "/oekonomi/",
    "/oekonomi/budget/",
    "/oekonomi/budget/eksport.csv",
    "/oekonomi/resultater/",
    "/api/v1/afregninger/?maaned=2026-11",
    "/api/v1/budget/",
    "/api/v1/resultater/",
]


def _log_ind(web, user) -> str:
    token = "t" * 32
    conn = http.client.HTTPConnection("127.0.0.1", web.port, timeout=30)
    try:
        conn.request(
            "POST", "/log-ind/",
            body=urlencode({"username": user.username, "password": PASSWORD}),
            headers={
                "Cookie": f"csrftoken={token}", "X-CSRFToken": token,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )  # fmt: skip
        svar = conn.getresponse()
        svar.read()
        assert svar.status == 302, svar.status
        return re.search(r"sessionid=([^;]+)", svar.getheader("Set-Cookie", "")).group(1)
    finally:
        conn.close()


def _aabne(web, session) -> int:
    status, body, _s, _loc = web.request("GET", DASHBOARD, session=session)
    assert status == 200, status
    found = re.search(r"Åbne advarsler efter regel \((\d+)\)", body.decode())
    assert found, body.decode()[:500]
    return int(found.group(1))


def _scans(par) -> int:
    """Table scans the replica itself has run (the probe of core.db reads no table)."""
    sql = "SELECT sum(seq_scan + COALESCE(idx_scan, 0)) FROM pg_stat_user_tables"
    return par.spoerg(par.replika_url, sql)[0][0]


def _eksport(web, session) -> str:
    status, body, _s, _loc = web.request("GET", EKSPORT, session=session)
    assert status == 200, status
    return body.decode("utf-8-sig")


def test_laesninger_fra_replika_skrivninger_til_primaer(tmp_path, processer):
    kurs = kompliant_forloeb(seneste_torsdag())
    Forloeb.objects.filter(pk=kurs.pk).update(opgaver="")
    services.scan()
    advarsel = Advarsel.objects.aabne().get(forloeb=kurs)
    hasher = PBKDF2PasswordHasher()
    ledere = []
    for _ in range(2):
        leder = user_with_role(Rolle.TEAMLEDER, team=kurs.team)
        # The suite hashes with MD5 for speed; the host knows only Django's default hashers.
        leder.password = hasher.encode(PASSWORD, hasher.salt())
        leder.save(update_fields=["password"])
        ledere.append(leder)

    par = PgPar()
    try:
        par.start()
        redis = Redis(tmp_path).start()
        processer.append(redis)
        env = miljoe(
            redis.url,
            database_url=par.primaer_url,
            REPLICA_DATABASE_URL=par.replika_url,
            DATABASE_CONNECT_TIMEOUT=2,
        )
        web = Gunicorn(env, tmp_path, "replika")
        processer.append(web.start())
        a, b = (_log_ind(web, leder) for leder in ledere)
        assert _aabne(web, a) == _aabne(web, b) == 1
        assert advarsel.regel in _eksport(web, b)

        # The economy pages and API read their tables on the replica (its own scan counts).
        for path in OEKONOMI:
            foer = _scans(par)
            status, body, _s, _loc = web.request("GET", path, session=b)
            assert status == 200, (path, status, body[:300])
            # An idle backend flushes its counters after at most 10 s (PostgreSQL's
            # PGSTAT_IDLE_INTERVAL), when its last flush was under a second ago.
            wait_until(lambda foer=foer: _scans(par) > foer, timeout=30)

        # The replica stops replaying: from now on it shows the state of this moment.
        par.vent_paa_replika()
        par.spoerg(par.replika_url, "SELECT pg_wal_replay_pause()")

        # A's write goes to the primary (the replica does not have it).
        status, _body, _s, _loc = web.request(
            "POST", f"/compliance/advarsler/{advarsel.pk}/accept/", session=a,
            data={"note": "Aftalt med borgeren"},
        )  # fmt: skip
        assert status == 302, status
        sql = "SELECT accept_begrundelse FROM compliance_advarsel WHERE id = %s"
        assert par.spoerg(par.primaer_url, sql, [advarsel.pk]) == [("Aftalt med borgeren",)]
        assert par.spoerg(par.replika_url, sql, [advarsel.pk]) == [("",)]
        # The flag is closed on the primary.
        par.spoerg(
            par.primaer_url,
            "UPDATE compliance_advarsel SET lukket = now(), lukket_som = 'loest'"
            " WHERE id = %s RETURNING id",
            [advarsel.pk],
        )

        # B has written nothing: B's dashboard and export read the lagging replica.
        assert _aabne(web, b) == 1
        assert advarsel.regel in _eksport(web, b)
        # A has written since the replica stopped: A reads from the primary.
        assert _aabne(web, a) == 0
        assert advarsel.regel not in _eksport(web, a)

        # Replay resumes: B sees the primary's state once the replica has it.
        par.spoerg(par.replika_url, "SELECT pg_wal_replay_resume()")
        wait_until(lambda: _aabne(web, b) == 0, timeout=30)

        # The replica goes down: every page still answers, from the primary.
        par.stop_replika()
        assert _aabne(web, b) == 0
        assert advarsel.regel not in _eksport(web, b)
        for path in OEKONOMI:
            status, body, _s, _loc = web.request("GET", path, session=b)
            assert status == 200, (path, status, body[:300])
        assert "replica unavailable (OperationalError)" in web.output()
    finally:
        par.stop()
