"""Benchmark 3: the two writes of the working day, through their services.

Registering a week (tidsregistrering.services.registrer_uge, the mentor's current week
on a different active course each run) and granting the next period
(forloeb.services.bevilg_periode, with agreement). Each write commits. The floor is the
smallest committed write: one UPDATE of a course row in a transaction. The benchmark's
own rows (and their history) are removed afterwards, so it can be re-run.

    python scripts/stack.py exec python bench/bench_writes.py [--runs 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

TARGET_MS = 50


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    common.setup()
    from dateutil.relativedelta import relativedelta
    from django.db import connection, transaction
    from django.db.models import Exists, Max, OuterRef
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from forloeb import services as forloeb_services
    from forloeb.models import Bevilling, Forloeb
    from tidsregistrering import services as tid_services
    from tidsregistrering.models import Ugeregistrering

    print(common.header("Skrivninger gennem services"))
    today = timezone.localdate()
    aar, uge, _d = today.isocalendar()
    mandag = today - timedelta(days=today.weekday())

    # Courses whose current week is open and covered by a period, with a mentor login.
    reg_kandidater = list(
        Forloeb.objects.filter(status="aktiv", mentor__bruger__isnull=False)
        .filter(bevillinger__start__lte=today, bevillinger__slut__gte=today)
        .filter(tilknytninger__til__isnull=True, tilknytninger__fra__lte=mandag)
        .exclude(Exists(Ugeregistrering.objects.filter(forloeb=OuterRef("pk"), aar=aar, uge=uge)))
        .select_related("mentor__bruger")
        .order_by("?")[: args.runs + 3]
    )
    bev_kandidater = list(
        Forloeb.objects.filter(status="aktiv", mentor__isnull=False)
        .exclude(formaal="")
        .exclude(maal="")
        .exclude(opgaver="")
        .annotate(sidste=Max("bevillinger__slut"))
        .filter(sidste__gte=today)
        .select_related("sagsbehandler", "mentor")
        .order_by("?")[: args.runs + 3]
    )
    reg_times, reg_q, bev_times, bev_q, floor = [], 0, [], 0, []
    nye_uger, nye_bevillinger = [], []

    def floor_write(pk):
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as c:
            c.execute("UPDATE forloeb_forloeb SET version = version WHERE id = %s", [pk])
        floor.append(time.perf_counter() - start)

    try:
        for i, forloeb in enumerate(reg_kandidater):
            kontakter = [{"dato": today, "minutter": 60, "form": "fysisk", "emner": ["struktur"]}]
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                reg = tid_services.registrer_uge(
                    user=forloeb.mentor.bruger, forloeb=forloeb, aar=aar, uge=uge,
                    kontakter=kontakter,
                )  # fmt: skip
                elapsed = time.perf_counter() - start
            nye_uger.append(reg.pk)
            if i >= 3:  # the first three warm up
                reg_times.append(elapsed)
                reg_q = len(ctx.captured_queries)
            floor_write(forloeb.pk)
        for i, forloeb in enumerate(bev_kandidater):
            start_dato = forloeb.sidste + timedelta(days=1)
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                bev = forloeb_services.bevilg_periode(
                    user=forloeb.sagsbehandler, forloeb=forloeb, start=start_dato,
                    slut=start_dato + relativedelta(months=3), timer_pr_uge=Decimal("2"),
                    kvalifikationer="Erfaren mentor.", vurdering="Fortsat behov (bench).",
                )  # fmt: skip
                elapsed = time.perf_counter() - start
            nye_bevillinger.append((bev.pk, forloeb.pk, forloeb.version))
            if i >= 3:
                bev_times.append(elapsed)
                bev_q = len(ctx.captured_queries)
            floor_write(forloeb.pk)
    finally:
        # Remove what the benchmark wrote, history included.
        with transaction.atomic():
            Ugeregistrering.history.filter(id__in=nye_uger).delete()
            from tidsregistrering.models import Kontakt

            kontakt_ids = list(
                Kontakt.objects.filter(registrering_id__in=nye_uger).values_list("pk", flat=True)
            )
            Kontakt.history.filter(id__in=kontakt_ids).delete()
            Ugeregistrering.objects.filter(pk__in=nye_uger).delete()
            bev_ids = [b for b, _f, _v in nye_bevillinger]
            from forloeb.models import Mentoraftale

            aftale_ids = list(
                Mentoraftale.objects.filter(bevilling_id__in=bev_ids).values_list("pk", flat=True)
            )
            Mentoraftale.history.filter(id__in=aftale_ids).delete()
            Bevilling.history.filter(id__in=bev_ids).delete()
            Bevilling.objects.filter(pk__in=bev_ids).delete()
            for _b, fpk, version in nye_bevillinger:
                Forloeb.history.filter(id=fpk, version__gt=version).delete()
                Forloeb.objects.filter(pk=fpk).update(version=version)

    rows = []
    failed = False
    for label, times, q in (
        ("registrer_uge (mentorens uge)", reg_times, reg_q),
        ("bevilg_periode (ny periode + aftale)", bev_times, bev_q),
    ):
        if not times:
            rows.append([label, "ingen kandidater", "", "", "", ""])
            continue
        med = common.median(times)
        failed |= med * 1000 > TARGET_MS
        rows.append(
            [label, len(times), common.ms(med), common.ms(common.p95(times)), q,
             "OK" if med * 1000 <= TARGET_MS else "MISSET"]
        )  # fmt: skip
    rows.append(
        ["gulv: én UPDATE i en transaktion", len(floor), common.ms(common.median(floor)),
         common.ms(common.p95(floor)), 1, ""]
    )  # fmt: skip
    print(
        common.table(
            [
                "skrivning",
                "kørsler",
                "median ms",
                "p95 ms",
                "forespørgsler",
                f"mål ≤ {TARGET_MS} ms",
            ],
            rows,
        )
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
