"""The gunicorn worker's warm-up: it runs against the real database and every template."""

import logging

import pytest

from core.opvarmning import varm_op

pytestmark = pytest.mark.django_db


def test_opvarmningen_indlaeser_alle_skabeloner_uden_fejl(caplog):
    with caplog.at_level(logging.WARNING, logger="core.opvarmning"):
        varm_op()
    # A template that does not compile would start every worker with a warning.
    assert caplog.records == []


def test_en_database_der_er_nede_holder_ikke_workeren_fra_at_starte():
    """A worker whose database is down at start still starts (a warning), instead of
    gunicorn restarting it in a loop; its requests answer 503 until the database is back."""
    import os
    import socket
    import subprocess
    import sys
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/mentorsag",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    svar = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from core.opvarmning import varm_op; varm_op()",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert svar.returncode == 0, svar.stderr[-2000:]
    assert "Databasen default svarede ikke ved opstart (OperationalError)" in svar.stderr
