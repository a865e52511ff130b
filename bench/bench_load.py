"""Benchmark 4: load. gunicorn with the production settings on 127.0.0.1, 200 concurrent
users for 2 minutes with locust (headless) in the national mix: 110 mentors (Min uge,
registering contacts), 66 caseworkers (course list, course pages, work list), 12
coordinators (mentor roster, waiting list), 12 team leaders (dashboard, drill-down lists,
CSV export), each waiting 1–5 s between clicks. The floor is the login page's redirect
for a logged-in user, in the same run.

The server sends its CPU time per request (MENTORSAG_CPU_TIMING=1, core/cputid.py); the
table gives it per page next to the floor's. The first minute after gunicorn starts is
reported apart from the rest (the cold start); `--uden-opvarmning` starts gunicorn
without the worker warm-up (mentorsag/gunicorn_conf.py) to show what it saves.

Needs locust: `python -m venv var/locust-venv && var/locust-venv/bin/pip install
locust==2.47.0` (or LOCUST=/path/to/locust). The test writes real contacts into the data
(as the mentors would).

    python scripts/stack.py exec python bench/bench_load.py [--runs 3] [--time 2m] [--users 200]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

OUT = common.ROOT / "var" / "bench-load"
TARGET_P95_MS = 300
GULV = "gulv: /log-ind/ (omdirigering)"
PY = sys.executable


def locust_bin() -> str:
    for candidate in (
        os.environ.get("LOCUST"),
        str(common.ROOT / "var" / "locust-venv" / "bin" / "locust"),
        shutil.which("locust"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("locust mangler: se docstringen i bench/bench_load.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_users() -> Path:
    from django.db.models import Count, Q

    from forloeb.models import Forloeb, Mentor
    from organisation.models import User

    aktiv = Q(forloeb__status="aktiv")
    mentorer = (
        Mentor.objects.filter(bruger__isnull=False, aktiv=True)
        .annotate(n=Count("forloeb", filter=aktiv))
        .filter(n__gt=0)
        .order_by("-n")
        .values_list("bruger__username", flat=True)[:300]
    )
    sbs = (
        User.objects.med_rolle("sagsbehandler")
        .annotate(n=Count("forloeb", filter=aktiv))
        .filter(n__gt=0)
        .order_by("-n")[:100]
    )
    koordinatorer = (
        User.objects.med_rolle("mentorkoordinator").filter(is_active=True).order_by("pk")[:60]
    )
    ledere = User.objects.med_rolle("teamleder").filter(ledede_teams__isnull=False).distinct()
    users = {
        "mentorer": [{"username": u} for u in mentorer],
        "sagsbehandlere": [
            {
                "username": sb.username,
                "forloeb": list(
                    Forloeb.objects.filter(sagsbehandler=sb, status="aktiv").values_list(
                        "pk", flat=True
                    )[:30]
                ),
            }
            for sb in sbs
        ],
        "koordinatorer": [{"username": u.username} for u in koordinatorer],
        "teamledere": [{"username": u.username} for u in ledere[:40]],
    }
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "users.json"
    path.write_text(json.dumps(users))
    return path


def make_sessions(path: Path) -> None:
    """Run with the server's settings: a logged-in session for every bench user."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from organisation.models import User

    users = json.loads(path.read_text())
    for pool in users.values():
        for info in pool:
            user = User.objects.get(username=info["username"])
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            # Production users come in through their identity provider; a backend not in
            # AUTHENTICATION_BACKENDS would leave every request anonymous (a redirect to login).
            session[BACKEND_SESSION_KEY] = "sso.backends.SsoBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.set_expiry(4 * 60 * 60)
            session.create()
            info["session"] = session.session_key
    path.write_text(json.dumps(users))


def production_env() -> dict[str, str]:
    from django.conf import settings

    env = dict(os.environ)
    env.update(
        MENTORSAG_MODE="production",
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        SECRET_KEY="bench-" + "k" * 50,
        # The data was encrypted with the development keys; keep them so CPR still opens.
        CPR_KEY=settings.CPR_KEYS[0],
        CPR_HASH_KEY=settings.CPR_HASH_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        AXES_FAILURE_LIMIT="1000",
        MENTORSAG_CPU_TIMING="1",
    )
    return env


def run_once(port: int, env: dict[str, str], users: Path, args, i: int, classes: list[str]):
    """One locust run; its samples as (seconds since start, name, wall ms, cpu ms, error)."""
    prefix = OUT / f"run{i}"
    samples = OUT / f"run{i}_samples.csv"
    cmd = [
        locust_bin(), "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
        "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.time,
        "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
        "--loglevel", "WARNING", *classes,
    ]  # fmt: skip
    subprocess.run(cmd, env={**env, "BENCH_USERS": str(users), "BENCH_SAMPLES": str(samples)},
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    with open(samples, encoding="utf-8") as fh:
        return [
            (float(t), name, float(wall), float(cpu) if cpu else None, bool(err))
            for t, name, wall, cpu, err in csv.reader(fh)
        ]


def _p(samples: list[float], q: float) -> str:
    return f"{common.p95(samples) if q == 95 else common.median(samples):.0f}" if samples else "–"


def report(runs: list[list[tuple]]) -> tuple[list[list], list[str]]:
    """Per request type: wall p50/p95, the first minute after start apart, CPU vs the floor."""
    every = [s for run in runs for s in run]
    names = sorted({s[1] for s in every}, key=lambda n: (n == GULV, n))
    cpu = {n: [s[3] for s in every if s[1] == n and s[3] is not None] for n in names}
    floor_cpu = common.median(cpu[GULV]) if cpu.get(GULV) else None
    cold_ids = {id(s) for s in runs[0] if s[0] < 60}
    rows, missed = [], []
    for name in [*names, "Samlet"]:
        mine = [s for s in every if name in ("Samlet", s[1])]
        wall = [s[2] for s in mine]
        # The cold start: the first minute after gunicorn started (run 1's first minute).
        first = [s[2] for s in mine if id(s) in cold_ids]
        rest = [s[2] for s in mine if id(s) not in cold_ids]
        c = cpu.get(name, [])
        fejl = sum(s[4] for s in mine)
        ratio = f"{common.median(c) / floor_cpu:.1f}×" if c and floor_cpu else "–"
        rows.append([
            name, len(mine), fejl, _p(wall, 50), _p(wall, 95),
            _p(first, 95), _p(rest, 95),
            f"{common.median(c):.1f}" if c else "–", f"{common.p95(c):.1f}" if c else "–", ratio,
        ])  # fmt: skip
        if name != "Samlet" and (fejl or common.p95(wall) > TARGET_P95_MS):
            missed.append(name)
    return rows, missed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--time", default="2m")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=int, default=20)
    parser.add_argument(
        "--uden-opvarmning",
        action="store_true",
        help="diagnose: gunicorn without the worker warm-up, to show the cold start",
    )
    parser.add_argument(
        "--uden-teamledere",
        action="store_true",
        help="diagnose: only mentors and caseworkers (not the required mix)",
    )
    parser.add_argument("--make-sessions", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    common.setup()
    if args.make_sessions:
        make_sessions(args.make_sessions)
        return 0
    print(common.header(f"Belastning: gunicorn (produktion) + locust, {args.users} brugere"))
    version = subprocess.run(
        [locust_bin(), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    users = write_users()
    env = production_env()
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=common.ROOT, env=env, check=True
    )
    subprocess.run(
        [PY, __file__, "--make-sessions", str(users)], cwd=common.ROOT, env=env, check=True
    )
    port = free_port()
    conf = [] if args.uden_opvarmning else ["-c", "python:mentorsag.gunicorn_conf"]
    gunicorn = subprocess.Popen(
        [PY, "-m", "gunicorn", "mentorsag.wsgi", *conf, "-b", f"127.0.0.1:{port}",
         "-w", str(args.workers), "--timeout", "60", "--log-level", "warning"],
        cwd=common.ROOT, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/log-ind/", timeout=5)  # noqa: S310
                break
            except urllib.error.HTTPError as exc:
                raise SystemExit(f"log-ind-siden svarer {exc.code}") from None
            except OSError:
                if time.monotonic() > deadline or gunicorn.poll() is not None:
                    raise SystemExit("gunicorn startede ikke") from None
                time.sleep(0.3)
        classes = ["Mentor", "Sagsbehandler"] if args.uden_teamledere else []
        runs = [run_once(port, env, users, args, i, classes) for i in range(args.runs)]
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # Workers stuck in a long query: stop the whole gunicorn we started.
            gunicorn.kill()
            gunicorn.wait()

    rows, missed = report(runs)
    mix = " (uden teamledere: diagnose)" if args.uden_teamledere else ""
    warm = " uden opvarmning (diagnose)" if args.uden_opvarmning else " med opvarmning"
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{version}; gunicorn {args.workers} workers{warm}; {args.users} brugere; "
          f"{args.runs} × {args.time}{mix}; load efter {load}\n")  # fmt: skip
    print(
        common.table(
            ["forespørgsel", "antal", "fejl", "median ms", "p95 ms", "p95 1. minut",
             "p95 resten", "CPU median ms", "CPU p95 ms", "CPU × gulv"],
            rows,
        )
    )  # fmt: skip
    print(f"\nMål: p95 ≤ {TARGET_P95_MS} ms for hver forespørgselstype, 0 fejl: "
          f"{'OK' if not missed else 'MÅL MISSET for ' + ', '.join(missed)}")  # fmt: skip
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
