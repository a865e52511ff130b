import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.klokke import paa_testdagen

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _outbox_uden_afsendelse():
    """Writes in the test process leave their outbox messages in the table: the suite's
    shared Celery worker must not start work that races a test's teardown. Tests of the
    dispatch call outbox.dispatch()/sweep() themselves, or run their own processes."""
    from django.conf import settings

    settings.OUTBOX_DISPATCH_ON_COMMIT = False


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Real hashing costs ~0.5 s a user; tests need the login flow, not the cost."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _paa_testdagen(request):
    """Tests that share the clock with another process (a worker, a browser, gunicorn, the
    OpenID Provider) keep the real clock: they are marked slow or `rigtig_tid`, or in
    tests/sso."""
    node = request.node
    if (
        node.get_closest_marker("slow")
        or node.get_closest_marker("rigtig_tid")
        or "sso" in Path(str(node.fspath)).parts
    ):
        yield
        return
    with paa_testdagen():
        yield


def wait_until(condition, timeout: float = 30.0, interval: float = 0.05):
    """Poll a condition until it holds; fail the test if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} s")


def send_queued_mail() -> int:
    """Send what the mail outbox holds, in this process, as a worker would."""
    from drift import mail
    from drift.models import Mail, MailStatus

    pending = Mail.objects.filter(status=MailStatus.PENDING).order_by("pk")
    return sum(mail.deliver(mail_id=pk) for pk in pending.values_list("pk", flat=True))


def _database_url_for_tests() -> str:
    """DATABASE_URL with the database name swapped for the test database's."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real Celery worker process on the real Redis broker, using the test database."""
    from mentorsag.celery import app

    env = dict(os.environ, DATABASE_URL=_database_url_for_tests())
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "mentorsag",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            "testworker@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until(lambda: proc.poll() is not None or app.control.ping(timeout=0.5), timeout=60)
        assert proc.poll() is None, "the Celery worker exited during start-up"
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
