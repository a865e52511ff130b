"""Benchmark 4: load. gunicorn with the production settings on 127.0.0.1, 50 concurrent
users for 2 minutes with locust (headless): 30 mentors (Min uge, registering contacts),
15 caseworkers (course list, course pages, work list), 5 team leaders (dashboard), each
waiting 1–5 s between clicks. The login page (anonymous, a small template) is the floor.

Needs locust: `python -m venv var/locust-venv && var/locust-venv/bin/pip install
locust==2.43.4` (or LOCUST=/path/to/locust). The test writes real contacts into the data
(as the mentors would).

    python scripts/stack.py exec python bench/bench_load.py [--runs 3] [--time 2m]
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
TARGET_P95_MS = 500
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
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
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
    )
    return env


def run_once(
    port: int, env: dict[str, str], users: Path, duration: str, i: int, classes: list[str]
) -> dict:
    prefix = OUT / f"run{i}"
    cmd = [
        locust_bin(), "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
        "-u", "50", "-r", "10", "-t", duration, "--host", f"http://127.0.0.1:{port}",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", *classes,
    ]  # fmt: skip
    subprocess.run(cmd, env={**env, "BENCH_USERS": str(users)}, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    stats = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            stats[row["Name"]] = {
                "n": int(row["Request Count"]),
                "fejl": int(row["Failure Count"]),
                "median": float(row["Median Response Time"] or 0),
                "p95": float(row["95%"] or 0) if row["95%"] != "N/A" else 0.0,
                "rps": float(row["Requests/s"] or 0),
            }
    return stats


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--time", default="2m")
    parser.add_argument("--workers", type=int, default=4)
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
    print(common.header("Belastning: gunicorn (produktion) + locust, 50 brugere"))
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
    gunicorn = subprocess.Popen(
        [PY, "-m", "gunicorn", "mentorsag.wsgi", "-b", f"127.0.0.1:{port}",
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
        runs = [run_once(port, env, users, args.time, i, classes) for i in range(args.runs)]
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # Workers stuck in a long query: stop the whole gunicorn we started.
            gunicorn.kill()
            gunicorn.wait()

    names = sorted({n for r in runs for n in r}, key=lambda n: (n == "Aggregated", n))
    rows = []
    for name in names:
        vals = [r[name] for r in runs if name in r]
        rows.append(
            [
                name,
                sum(v["n"] for v in vals),
                sum(v["fejl"] for v in vals),
                f"{common.median([v['median'] for v in vals]):.0f}",
                f"{common.median([v['p95'] for v in vals]):.0f}",
                " ".join(f"{v['p95']:.0f}" for v in vals),
                f"{common.median([v['rps'] for v in vals]):.1f}",
            ]
        )
    mix = " (uden teamledere: diagnose)" if args.uden_teamledere else ""
    print(f"{version}; gunicorn {args.workers} workers; {args.runs} × {args.time}{mix}\n")
    print(
        common.table(
            ["forespørgsel", "antal", "fejl", "median ms", "p95 ms (median)", "p95 pr. kørsel",
             "req/s"],
            rows,
        )
    )  # fmt: skip
    agg = [r["Aggregated"] for r in runs]
    p95 = common.median([a["p95"] for a in agg])
    fejl = sum(a["fejl"] for a in agg)
    ok = p95 <= TARGET_P95_MS and fejl == 0
    print(f"\nSamlet p95 {p95:.0f} ms (mål ≤ {TARGET_P95_MS}), fejl {fejl} (mål 0): "
          f"{'OK' if ok else 'MÅL MISSET'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
