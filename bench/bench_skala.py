"""Benchmark: live flags and the nightly scan spread over workers (issue: national scale).

1. Live flags: one course's rules (compliance.services.scan(forloeb_ids=[id])), the work a
   write's outbox message makes a worker do, for --kurser random active courses. Floor:
   the same connection's round trip for `SELECT 1` and the full scan, for scale.
2. The nightly scan in parts (settings.SCAN_DELE balanced sets of organisations, default
   4) on real Celery workers: from the task
   sent to the run closed by its last part, with one worker process and with two. Floor:
   the single full scan in this process (services.scan()), measured in the same run.

    python scripts/stack.py exec python bench/bench_skala.py [--kurser 40] [--runs 2]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

LIVE_TARGET_MS = 50.0
SHARD_TARGET_RATIO = 0.6


def live_flags(n: int) -> tuple[list[float], float]:
    from django.db import connection

    from compliance import services
    from forloeb.models import Forloeb, Status

    ids = list(Forloeb.objects.filter(status=Status.AKTIV).values_list("pk", flat=True))
    rng = random.Random(7)
    sample = rng.sample(ids, min(n, len(ids)))
    services.scan(forloeb_ids=[sample[0]])  # warm the connection and the plan cache
    times = []
    for pk in sample:
        t, _ = common.timed(services.scan, forloeb_ids=[pk])
        times.append(t)
    with connection.cursor() as c:
        t0 = time.perf_counter()
        for _ in range(20):
            c.execute("SELECT 1")
        rundtur = (time.perf_counter() - t0) / 20
    return times, rundtur


def worker(name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "mentorsag", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "-n", f"{name}@%h"],
        cwd=common.ROOT, env=dict(os.environ, OUTBOX_DISPATCH_ON_COMMIT="1"),
    )  # fmt: skip


def nightly_in_parts(workers: int) -> float:
    from compliance.models import Scankoersel
    from mentorsag.celery import app

    procs = [worker(f"bench{i}") for i in range(workers)]
    try:
        deadline = time.monotonic() + 120
        while len(app.control.ping(timeout=1.0)) < workers:
            if time.monotonic() > deadline:
                raise RuntimeError("the workers did not start")
        before = Scankoersel.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        start = time.perf_counter()
        app.send_task("compliance.scan")
        while True:
            run = Scankoersel.objects.filter(pk__gt=before, afsluttet__isnull=False).first()
            if run is not None:
                return time.perf_counter() - start
            if time.perf_counter() - start > 1800:
                raise RuntimeError("the nightly scan did not finish in 30 minutes")
            time.sleep(0.2)  # polling a benchmark's own clock, not waiting in a test
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kurser", type=int, default=40)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    common.setup()
    from compliance import services

    print(common.header("Levende advarsler og den natlige scanning i dele"))

    times, rundtur = live_flags(args.kurser)
    fuld, _ = common.timed(services.scan)
    med, p95 = common.median(times), common.p95(times)
    print(
        common.table(
            ["måling", "median ms", "p95 ms", "mål"],
            [
                [f"ét forløbs regler ({len(times)} forløb)", common.ms(med), common.ms(p95),
                 f"≤ {LIVE_TARGET_MS:.0f} ms"],
                ["gulv: rundtur SELECT 1", common.ms(rundtur), "", ""],
                ["til sammenligning: fuld scanning", common.ms(fuld), "", ""],
            ],
        )
    )  # fmt: skip

    fulde, en, to = [], [], []
    for _ in range(args.runs):
        fulde.append(common.timed(services.scan)[0])
        en.append(nightly_in_parts(1))
        to.append(nightly_in_parts(2))
    f, e, t = common.median(fulde), common.median(en), common.median(to)
    print()
    print(
        common.table(
            ["måling", "median s", "kørsler (s)", "mål"],
            [
                ["gulv: én fuld scanning i processen", f"{f:.2f}",
                 " ".join(f"{x:.2f}" for x in fulde), ""],
                ["natlig scanning i dele, 1 worker", f"{e:.2f}",
                 " ".join(f"{x:.2f}" for x in en), ""],
                ["natlig scanning i dele, 2 workers", f"{t:.2f}",
                 " ".join(f"{x:.2f}" for x in to), f"≤ {SHARD_TARGET_RATIO}× 1 worker"],
                ["2 workers / 1 worker", f"{t / e:.2f}×", "", ""],
            ],
        )
    )  # fmt: skip
    ok = p95 * 1000 <= LIVE_TARGET_MS and t / e <= SHARD_TARGET_RATIO
    print(f"\nResultat: {'OK' if ok else 'MÅL MISSET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
