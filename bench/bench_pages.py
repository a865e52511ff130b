"""Benchmark 2: the pages people use all day, vs a trivial view (framework floor).

Server time in-process through Django's test Client with force_login (no network, no
browser): the team leader's dashboard, the caseworker's course list and course page, and
the mentor's "Min uge". The users are the busiest of their kind in the data: the leader
of the teams with most active courses, the caseworker with most active courses, the
mentor with most active courses, and the drill-down lists behind the dashboard's
numbers. Each page and the floor are requested alternately --runs times after a warm-up;
the query count of each page and its CPU time (this process: Python and rendering, not the
database) are printed, since CPU time moves less than wall time on a shared machine.

    python scripts/stack.py exec python bench/bench_pages.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

TARGET_MS = 250
TIMEOUT_S = 60
# Issue 18's targets where they are stricter: (median, p95) in ms.
TARGETS = {
    "Teamleder: dashboard": (100, 200),
    "Sagsbehandler: forløbsliste": (100, None),
}
DRILL_TARGET_MS = 150
# The drill-down lists behind the dashboard's tiles, STAR points, rules and durations.
DRILL = ["aktive", "ikke_kontakt", "regel_INGEN_KONTAKT", "udloeber", "overbelastet",
         "varighed_0_30"]  # fmt: skip


def pick_users():
    from django.db.models import Count, Q

    from forloeb.models import Forloeb, Mentor
    from organisation.models import User

    aktiv = Q(status="aktiv")
    leder = (
        User.objects.med_rolle("teamleder")
        .annotate(n=Count("ledede_teams__forloeb", filter=Q(ledede_teams__forloeb__status="aktiv")))
        .order_by("-n", "pk")
        .first()
    )
    sb = (
        User.objects.med_rolle("sagsbehandler")
        .annotate(n=Count("forloeb", filter=Q(forloeb__status="aktiv")))
        .order_by("-n", "pk")
        .first()
    )
    forloeb = (
        Forloeb.objects.filter(aktiv, sagsbehandler=sb)
        .annotate(n=Count("ugeregistreringer"))
        .order_by("-n", "pk")
        .first()
    )
    mentor = (
        Mentor.objects.filter(bruger__isnull=False)
        .annotate(n=Count("forloeb", filter=Q(forloeb__status="aktiv")))
        .order_by("-n", "pk")
        .first()
    )
    return leder, sb, forloeb, mentor


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    # A page that takes minutes is reported as such instead of hanging the benchmark.
    os.environ["PGOPTIONS"] = f"-c statement_timeout={TIMEOUT_S * 1000}"
    common.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    print(common.header("Sider mod framework-gulv (Django test Client, i processen)"))
    leder, sb, forloeb, mentor = pick_users()
    pages = [
        ("Teamleder: dashboard", leder, "compliance:dashboard", []),
        ("Sagsbehandler: forløbsliste", sb, "forloeb:forloeb_liste", []),
        ("Sagsbehandler: forløbsside", sb, "forloeb:forloeb_detalje", [forloeb.pk]),
        ("Mentor: Min uge", mentor.bruger, "tidsregistrering:min_uge", []),
    ]
    # Min uge with one citizen's entry forms open (after tapping "Registrér").
    valgt = mentor.forloeb.filter(status="aktiv").order_by("borger__navn", "pk").first()
    if valgt is not None:
        pages.append(
            ("Mentor: Min uge, én borger åben", mentor.bruger, "tidsregistrering:min_uge", [],
             f"?vis={valgt.pk}")
        )  # fmt: skip
    for maal in DRILL:
        pages.append(
            (f"Teamleder: drill-down {maal}", leder, "compliance:forloeb_liste", [],
             f"?maal={maal}")
        )  # fmt: skip
    print(
        f"Brugere: teamleder {leder.username}, sagsbehandler {sb.username} "
        f"(forløb {forloeb.pk}), mentor {mentor.bruger.username} "
        f"({mentor.forloeb.filter(status='aktiv').count()} aktive forløb)\n"
    )
    rows = []
    failed = False
    with override_settings(ROOT_URLCONF="floor_urls", DEBUG=False):
        for label, user, name, url_args, *query in pages:
            client = Client()
            client.force_login(user)
            url = reverse(name, args=url_args) + "".join(query)
            floor_url = reverse("bench_gulv")
            try:
                for _ in range(2):  # warm-up: templates, connection, caches
                    client.get(url)
                    client.get(floor_url)
            except Exception as exc:  # noqa: BLE001 - e.g. the statement timeout
                failed = True
                rows.append(
                    [
                        label,
                        url,
                        f"> {TIMEOUT_S} s",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        f"MISSET ({type(exc).__name__})",
                    ]
                )
                continue
            times, cpu, floor, queries = [], [], [], 0
            size = 0
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as ctx:
                    start, cpu_start = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    times.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - cpu_start)
                queries = len(ctx.captured_queries)
                size = len(response.content)
                if response.status_code != 200:
                    raise SystemExit(f"{label}: HTTP {response.status_code} for {url}")
                start = time.perf_counter()
                client.get(floor_url)
                floor.append(time.perf_counter() - start)
            med, p95 = common.median(times), common.p95(times)
            maal_med, maal_p95 = TARGETS.get(label, (TARGET_MS, None))
            if "drill-down" in label:
                maal_med = DRILL_TARGET_MS
            ok = med * 1000 <= maal_med and (maal_p95 is None or p95 * 1000 <= maal_p95)
            failed |= not ok
            rows.append(
                [
                    label,
                    url,
                    common.ms(med),
                    common.ms(p95),
                    common.ms(common.median(cpu)),
                    common.ms(common.median(floor)),
                    queries,
                    f"{size / 1024:.0f} KB",
                    f"≤ {maal_med}" + (f" / p95 ≤ {maal_p95}" if maal_p95 else ""),
                    "OK" if ok else "MISSET",
                ]
            )
    print(
        common.table(
            ["side", "url", "median ms", "p95 ms", "cpu ms (median)", "gulv ms",
             "forespørgsler", "størrelse", "mål ms", ""],
            rows,
        )
    )  # fmt: skip
    print(f"\n{args.runs} kørsler pr. side, skiftevis med gulvet.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
