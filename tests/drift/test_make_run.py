"""`make run` runs like production unless asked (`DEBUG=1 make run`): Danish error pages,
no URL list on a 404, no traceback on a 500, and static files still served.

The test starts the real `scripts/stack.py run` (migrate, demo data, web, worker, beat)
against the test database, with a settings module that only adds failing URLs.
"""

import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT, _database_url_for_tests, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _hent(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 (our own test server)
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def _svarer(url: str) -> bool:
    try:
        _hent(url)
    except OSError:
        return False
    return True


def test_make_run_viser_danske_fejlsider_uden_fejlsoegningsinformation():
    port = _fri_port()
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        DATABASE_URL=_database_url_for_tests(),
        PORT=str(port),
        DJANGO_SETTINGS_MODULE="tests.drift.make_run_settings",
    )
    stack = subprocess.Popen(
        [sys.executable, "scripts/stack.py", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: stack.poll() is not None or _svarer(base + "/log-ind/"), timeout=180)
        assert stack.poll() is None, "make run stoppede under opstarten"

        status, html = _hent(base + "/findes-ikke/")
        assert status == 404
        assert "Siden findes ikke" in html and 'lang="da"' in html
        assert "URLconf" not in html and "tried these URL patterns" not in html

        status, html = _hent(base + "/test-fejl/500/")
        assert status == 500
        assert "Der opstod en fejl i Mentorsag" in html
        assert "Traceback" not in html and "SECRET_KEY" not in html

        # Static files are still served (WhiteNoise with finders outside production).
        for path in ("/static/vendor/dkfds/css/dkfds.min.css", "/static/css/mentorsag.css"):
            assert _hent(base + path)[0] == 200, path
    finally:
        stack.send_signal(signal.SIGTERM)
        try:
            stack.wait(timeout=60)
        except subprocess.TimeoutExpired:
            stack.kill()
