"""`make bench`: national data (seeded if missing), then every benchmark, each printing
its table next to its floor. The whole output is also saved under var/bench-results/.

Needs: the embedded (or DATABASE_URL) PostgreSQL that `scripts/stack.py exec` provides,
~6 GB disk for national data, and locust for the load test (see bench/bench_load.py;
skipped with a note when it is missing). Environment:
    BENCH_FRACTION=0.1   seed only a tenth of the national size (default 1)
    BENCH_QUICK=1        fewer repetitions (a smoke run)
    BENCH_SKIP_LOAD=1    leave out the 3 × 2 minute load test
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

BENCH = Path(__file__).resolve().parent
PY = sys.executable


def main() -> int:
    quick = os.environ.get("BENCH_QUICK") == "1"
    fraction = os.environ.get("BENCH_FRACTION", "1")
    out_dir = common.ROOT / "var" / "bench-results"
    out_dir.mkdir(parents=True, exist_ok=True)
    log_path = out_dir / f"{dt.datetime.now():%Y%m%d-%H%M}.md"
    log = log_path.open("w", encoding="utf-8")

    def emit(text: str) -> None:
        print(text, flush=True)
        log.write(text + "\n")
        log.flush()

    def run(args: list[str]) -> int:
        proc = subprocess.Popen(
            [PY, *args], cwd=common.ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for line in proc.stdout:
            if " INFO " in line or "UserWarning" in line or "mw_instance" in line:
                continue
            emit(line.rstrip("\n"))
        return proc.wait()

    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=common.ROOT, check=True)
    common.setup()
    from demo.national import findes

    if not findes():
        emit(f"# Landsdata mangler: seed_demo --scale national --fraction {fraction}\n")
        start = time.monotonic()
        rc = run(["manage.py", "seed_demo", "--scale", "national", "--fraction", fraction])
        if rc:
            return rc
        emit(f"\nSeeding: {time.monotonic() - start:.0f} s\n")

    runs = {"scan": "1", "pages": "5", "writes": "8", "skala": "1"} if quick else {
        "scan": "3", "pages": "20", "writes": "20", "skala": "2"}  # fmt: skip
    results = {}
    for name, args in (
        ("scan", ["bench/bench_scan.py", "--runs", runs["scan"]]),
        ("pages", ["bench/bench_pages.py", "--runs", runs["pages"]]),
        ("writes", ["bench/bench_writes.py", "--runs", runs["writes"]]),
        ("skala", ["bench/bench_skala.py", "--runs", runs["skala"]]),
        ("import", ["bench/bench_import.py"]),
    ):
        emit("")
        results[name] = run(args)
    if os.environ.get("BENCH_SKIP_LOAD") == "1":
        emit("\nBelastningstesten er sprunget over (BENCH_SKIP_LOAD=1).")
    else:
        emit("")
        load_args = ["--runs", "1", "--time", "30s"] if quick else ["--runs", "3", "--time", "2m"]
        results["load"] = run(["bench/bench_load.py", *load_args])
    emit(f"\nResultater gemt i {log_path.relative_to(common.ROOT)}")
    missed = [k for k, rc in results.items() if rc]
    if missed:
        emit(f"Mål ikke nået: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
