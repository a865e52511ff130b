"""Shared helpers of the benchmarks: Django setup, timing, tables, machine facts."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorsag.settings")


def setup() -> None:
    import django

    django.setup()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table (readable in a terminal too)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(r):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"

    out = [line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in cells[1:]]
    return "\n".join(out)


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for raw in Path("/proc/cpuinfo").read_text().splitlines():
            if raw.startswith("model name"):
                cpu = raw.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SHOW server_version")
        pg = c.fetchone()[0]
    py = platform.python_version()
    return f"{cpu}, {os.cpu_count()} kerner, {mem} RAM, PostgreSQL {pg}, Python {py}"


def data_size() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as c:
        c.execute(
            """SELECT (SELECT count(*) FROM organisation_organisation),
                      (SELECT count(*) FROM forloeb_forloeb),
                      (SELECT count(*) FROM forloeb_forloeb WHERE status = 'aktiv'),
                      (SELECT count(*) FROM forloeb_mentor),
                      (SELECT count(*) FROM tidsregistrering_ugeregistrering),
                      (SELECT count(*) FROM tidsregistrering_kontakt)"""
        )
        row = c.fetchone()
    keys = ["organisationer", "forloeb", "aktive", "mentorer", "ugeregistreringer", "kontakter"]
    return dict(zip(keys, row, strict=True))


def header(title: str) -> str:
    from django.utils import timezone

    size = data_size()
    sz = ", ".join(f"{k} {v:,}" for k, v in size.items())
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"## {title}\n\n{timezone.now():%Y-%m-%d %H:%M} UTC · {machine()} · load {load}\n"
        f"Data: {sz}\n"
    )
