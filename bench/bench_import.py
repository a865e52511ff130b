"""Benchmark 5: the import of running courses (indlaesning.importering), at the size of a
large job centre: 3,000 courses (a fifth with a second period) and 40,000 week rows, every
row through the services, as `importer_forloeb` runs it. Target: under two minutes.

It runs in one transaction that is rolled back at the end (the organisation, users and
mentors it makes too), so the data is left as it was; the import itself is a dry run, which
does all the work of a commit (every service, every savepoint) and then rolls back. The
compliance scan a commit runs afterwards is benchmark 1's.

    python scripts/stack.py exec python bench/bench_import.py [--forloeb 3000] [--uger 40000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

TARGET_S = 120
HEADER = (
    "sagsnummer;cpr;navn;ydelsesgruppe;formaal;maal;opgaver;lovgrundlag;sagsbehandler;team;"
    "mentor;periode_start;periode_slut;timer_pr_uge;kvalifikationer;vurdering"
)


def filer(n_forloeb: int, n_uger: int, today: dt.date, mentorer: int, org: int):
    from dateutil.relativedelta import relativedelta

    linjer, uger = [HEADER], ["sagsnummer;aar;uge;minutter;form"]
    pr_forloeb = max(1, n_uger // n_forloeb)
    rest = n_uger - pr_forloeb * n_forloeb
    for i in range(n_forloeb):
        nr = f"B-{i:05d}"
        cpr = f"{1 + i % 28:02d}{1 + i // 28 % 12:02d}{60 + i // 336 % 40:02d}{1000 + i:04d}"
        to = i % 5 == 0
        start = today - relativedelta(months=8 if to else 4) + dt.timedelta(days=i % 20)
        slut = start + relativedelta(months=6) - dt.timedelta(days=1)
        faelles = (
            f"{nr};{cpr};Borger {i};kontanthjaelp;uddannelse;Et konkret mål.;Struktur.;generel;"
            f"bench-sb-{org};Bench-team;bench{org}-{i % mentorer}@bench.invalid"
        )
        linjer.append(f"{faelles};{start.isoformat()};{slut.isoformat()};3;Erfaren.;")
        if to:
            s2 = slut + dt.timedelta(days=1)
            slut2 = s2 + relativedelta(months=6) - dt.timedelta(days=1)
            linjer.append(f"{faelles};{s2.isoformat()};{slut2.isoformat()};2;Erfaren.;Behov.")
        antal = pr_forloeb + (1 if i < rest else 0)
        mandag = start + dt.timedelta(days=7 - start.weekday())
        for w in range(antal):
            aar, uge, _d = (mandag + dt.timedelta(weeks=w)).isocalendar()
            uger.append(f"{nr};{aar};{uge};{30 + w % 4 * 15};fysisk")
    return (
        ("bench_forloeb.csv", ("\n".join(linjer) + "\n").encode()),
        ("bench_uger.csv", ("\n".join(uger) + "\n").encode()),
        len(linjer) - 1,
        len(uger) - 1,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forloeb", type=int, default=3000)
    parser.add_argument("--uger", type=int, default=40000)
    args = parser.parse_args()
    common.setup()
    from django.db import transaction
    from django.utils import timezone

    from forloeb.models import Mentor, MentorType
    from indlaesning.importering import FEJL, importer
    from organisation.models import Organisation, Rolle, Team, User

    print(common.header("Indlæsning af igangværende forløb"))
    today = timezone.localdate()
    antal_mentorer = max(1, args.forloeb // 12)
    with transaction.atomic():
        org = Organisation.objects.create(navn=f"Bench-import {time.time_ns()}")
        team = Team.objects.create(organisation=org, navn="Bench-team")
        sb = User.objects.create(
            username=f"bench-sb-{org.pk}", organisation=org, roller=[Rolle.SAGSBEHANDLER]
        )
        sb.teams.set([team])
        for i in range(antal_mentorer):
            bruger = User.objects.create(
                username=f"bench-mentor-{org.pk}-{i}", organisation=org, roller=[Rolle.MENTOR]
            )
            Mentor.objects.create(
                organisation=org,
                navn=f"Mentor {i}",
                type=MentorType.INTERN,
                email=f"bench{org.pk}-{i}@bench.invalid",
                kapacitet=100,
                bruger=bruger,
            )
        forloebsfil, ugefil, n_raekker, n_uger = filer(
            args.forloeb, args.uger, today, antal_mentorer, org.pk
        )
        start = time.perf_counter()
        rapport = importer(organisation=org, forloebsfil=forloebsfil, ugefil=ugefil)
        sekunder = time.perf_counter() - start
        transaction.set_rollback(True)
    fejl = [r for r in rapport.resultater if r.status == FEJL]
    print(
        common.table(
            ["forløb", "perioderækker", "ugerækker", "med fejl", "tid (s)", "mål (s)"],
            [[len(rapport.resultater), n_raekker, n_uger, len(fejl), f"{sekunder:.1f}", TARGET_S]],
        )
    )
    if fejl:
        print("Første fejl:", fejl[0].fejl[:3])
    return 0 if sekunder < TARGET_S and not fejl else 1


if __name__ == "__main__":
    raise SystemExit(main())
