"""Benchmark 1: the compliance scan (all rules, all organisations) vs its SQL floor.

The scan is compliance.services.scan() through Django; the floor is bench/floor_scan.sql,
the same rules as plain SQL on a raw psycopg connection (no Django). Each is run --runs
times, alternating, and the medians are compared. The rule-by-rule table shows where the
time goes, and checks that the floor finds, for every rule, as many courses as the scan
leaves flagged (else the benchmark fails: a floor doing other work says nothing).

    python scripts/stack.py exec python bench/bench_scan.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

FLOOR_SQL = Path(__file__).with_name("floor_scan.sql")
TARGET_S = 60.0
TARGET_RATIO = 2.0


def floor_statements() -> list[tuple[str, str]]:
    """(label, statement): label is the rule code the statement inserts, else 'fælles'."""
    text = "\n".join(
        line for line in FLOOR_SQL.read_text().splitlines() if not line.startswith("--")
    )
    out = []
    for stmt in text.split(";\n"):
        stmt = stmt.strip().rstrip(";")
        if not stmt:
            continue
        m = re.search(r"'([A-Z_]{6,})'", stmt)
        out.append((m.group(1) if m else "fælles", stmt))
    return out


def run_floor(dsn: str) -> tuple[float, dict[str, float], dict[str, int]]:
    import psycopg

    per = defaultdict(float)
    with psycopg.connect(dsn, autocommit=True) as conn, conn.cursor() as cur:
        start = time.perf_counter()
        rows = []
        for label, stmt in floor_statements():
            t0 = time.perf_counter()
            cur.execute(stmt)
            per[label] += time.perf_counter() - t0
            if cur.description is not None:
                rows = cur.fetchall()
        total = time.perf_counter() - start
    return total, dict(per), {regel: n for regel, n in rows}


def run_scan() -> tuple[float, dict[str, float], object]:
    from django.db import connection

    from compliance import services

    per = defaultdict(float)

    def wrapper(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            kode = params.get("kode") if isinstance(params, dict) else None
            per[kode or "fælles"] += time.perf_counter() - t0

    start = time.perf_counter()
    with connection.execute_wrapper(wrapper):
        resultat = services.scan()
    return time.perf_counter() - start, dict(per), resultat


def open_flags() -> dict[str, int]:
    from django.db.models import Count

    from compliance.models import Advarsel

    return dict(
        Advarsel.objects.aabne().values_list("regel").annotate(n=Count("forloeb", distinct=True))
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    common.setup()
    dsn = os.environ["DATABASE_URL"]
    print(common.header("Compliance-scan mod SQL-gulv"))

    scan_times, floor_times = [], []
    scan_per, floor_per = defaultdict(list), defaultdict(list)
    floor_counts: dict[str, int] = {}
    first = None
    for i in range(args.runs + 1):
        t, per, resultat = run_scan()
        if i == 0:
            # The first pass may open or close flags after new data; report it apart.
            first = (t, resultat)
        else:
            scan_times.append(t)
            for k, v in per.items():
                scan_per[k].append(v)
        if i > 0 or args.runs == 0:
            ft, fper, floor_counts = run_floor(dsn)
            floor_times.append(ft)
            for k, v in fper.items():
                floor_per[k].append(v)
    flags = open_flags()

    rows = []
    codes = sorted(set(scan_per) | set(floor_per) - {"fælles"}, key=lambda k: (k == "fælles", k))
    for kode in codes:
        s = common.median(scan_per[kode]) if scan_per.get(kode) else 0.0
        f = common.median(floor_per[kode]) if floor_per.get(kode) else 0.0
        same = (
            ""
            if kode == "fælles"
            else ("ja" if flags.get(kode, 0) == floor_counts.get(kode, 0) else "NEJ")
        )
        rows.append(
            [
                kode,
                common.ms(s),
                common.ms(f),
                flags.get(kode, ""),
                floor_counts.get(kode, ""),
                same,
            ]
        )
    print(
        common.table(
            ["regel", "scan ms", "gulv ms", "åbne advarsler", "gulv: forløb", "samme"], rows
        )
    )
    scan_med, floor_med = common.median(scan_times), common.median(floor_times)
    ratio = scan_med / floor_med if floor_med else float("inf")
    # The ratio means something only if the floor does the scan's work: the same number of
    # flagged courses for every rule of the catalogue.
    from compliance.regler import REGLER

    afvigende = [k for k in REGLER if flags.get(k, 0) != floor_counts.get(k, 0)]
    ok = scan_med <= TARGET_S and ratio <= TARGET_RATIO and not afvigende
    print()
    print(
        common.table(
            ["måling", "median s", "kørsler (s)", "mål"],
            [
                ["første scan efter data", f"{first[0]:.2f}", f"{first[1]}", ""],
                [
                    "scan (Django)",
                    f"{scan_med:.2f}",
                    " ".join(f"{t:.2f}" for t in scan_times),
                    f"≤ {TARGET_S:.0f} s",
                ],
                [
                    "SQL-gulv (psycopg)",
                    f"{floor_med:.2f}",
                    " ".join(f"{t:.2f}" for t in floor_times),
                    "",
                ],
                ["scan / gulv", f"{ratio:.2f}×", "", f"≤ {TARGET_RATIO:.0f}×"],
            ],
        )
    )
    print(
        f"\nGulvet finder de samme forløb som scanningen for alle {len(REGLER)} regler: "
        + ("ja" if not afvigende else f"NEJ ({', '.join(afvigende)})")
    )
    print(f"Resultat: {'OK' if ok else 'MÅL MISSET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
