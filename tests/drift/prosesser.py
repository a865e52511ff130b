"""Real processes the fault tests start, kill and restart: their own redis-server, web
server, Celery worker and beat (the suite's own services stay up).

Each process leads its own process group, so `kill()` takes a worker's pool with it, as
a machine losing the process would.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from scripts.stack import _redis_server
from tests.conftest import ROOT, _database_url_for_tests, wait_until

from .smtp import free_port


class Proces:
    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.args, self.env, self.log = args, env, log
        self.proc: subprocess.Popen | None = None

    def start(self) -> Proces:
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                self.args,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """kill -9, the whole process group."""
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self.kill()
            return
        self.proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=15)
        self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


class Redis(Proces):
    """A redis-server on a unix socket, without persistence: a kill loses its queue."""

    def __init__(self, workdir: Path):
        self.dir = Path(tempfile.mkdtemp(prefix="r", dir="/tmp"))  # short socket path
        self.socket = self.dir / "redis.sock"
        args = [
            _redis_server(),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.dir),
        ]
        super().__init__(args, dict(os.environ), workdir / "redis.log")

    @property
    def url(self) -> str:
        return f"redis+socket://{self.socket}"

    def start(self) -> Redis:
        self.socket.unlink(missing_ok=True)
        super().start()
        wait_until(self._answers, timeout=10)
        return self

    def _answers(self) -> bool:
        import redis

        try:
            return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1).ping()
        except redis.RedisError:
            return False


def miljoe(redis_url: str, database_url: str | None = None, **extra) -> dict[str, str]:
    """The environment of the app's processes: the test database (or another), our own
    Redis, short recovery times so the tests do not wait minutes."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url or _database_url_for_tests(),
            "REDIS_URL": redis_url,
            "PYTHONUNBUFFERED": "1",
            "DEBUG": "0",
            "OUTBOX_REDISPATCH_SECONDS": "3",
            "OUTBOX_RETRY_BASE_SECONDS": "0.5",
            "BROKER_VISIBILITY_TIMEOUT": "3",
            "MAIL_RETRY_BASE_SECONDS": "0.3",
            "MAIL_RETRY_MAX_SECONDS": "2",
        }
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def worker(env, workdir: Path, name: str = "fejl") -> Proces:
    args = [sys.executable, "-m", "celery", "-A", "mentorsag", "worker", "--pool=solo"]
    args += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "-n", f"{name}@%h"]
    return Proces(args, env, workdir / f"worker-{name}.log")


def beat(env, workdir: Path) -> Proces:
    args = [sys.executable, "-m", "celery", "-A", "mentorsag", "beat", "--loglevel=INFO"]
    args += ["--scheduler", "django_celery_beat.schedulers:DatabaseScheduler"]
    args += ["--schedule", str(workdir / "beat-schedule")]
    return Proces(args, env, workdir / "beat.log")


class Web(Proces):
    def __init__(self, env, workdir: Path):
        self.port = free_port()
        args = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"]
        super().__init__(args, env, workdir / "web.log")

    def start(self) -> Web:
        super().start()
        wait_until(lambda: self._answers() or not self.alive(), timeout=60)
        assert self.alive(), self.output()
        return self

    def _answers(self) -> bool:
        try:
            self.request("GET", "/healthz", timeout=2)
            return True
        except OSError:
            return False

    def request(
        self, method: str, path: str, *, session: str = "", data=None, timeout: float = 30
    ) -> tuple[int, bytes, float, str]:
        """One request; returns (status, body, seconds, Location). A made-up CSRF token in
        both cookie and header passes Django's check, as a browser's would."""
        token = "t" * 32
        headers = {"Cookie": f"csrftoken={token}; sessionid={session}", "X-CSRFToken": token}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            body = response.read()
            location = response.getheader("Location", "")
            return response.status, body, time.monotonic() - started, location
        finally:
            conn.close()


def processed_ids(log: str, task_name: str) -> list[int]:
    """Every outbox message id the worker logged as processed, repeats included."""
    ids = []
    pattern = rf"outbox: {re.escape(task_name)} processed: message\(s\) ([\d, ]+)"
    for match in re.finditer(pattern, log):
        ids += [int(x) for x in match.group(1).split(",")]
    return ids


class Gunicorn(Web):
    """Production's web server on its own port: one of several web hosts."""

    def __init__(self, env, workdir: Path, name: str = "web"):
        self.port = free_port()
        args = [sys.executable, "-m", "gunicorn", "mentorsag.wsgi:application"]
        args += ["--bind", f"127.0.0.1:{self.port}", "--workers", "2"]
        Proces.__init__(self, args, env, workdir / f"gunicorn-{name}.log")
