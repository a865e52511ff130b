"""Benchmark 5: the import of running courses (indlaesning.importering), at the size of a
large job centre: 3,000 courses (a fifth with a second period) and 40,000 week rows, every
row judged by the services' rules, as `importer_forloeb` runs it. Target: under two minutes.

It runs in one transaction that is rolled back at the end (the organisation, users and
mentors it makes too), so the data is left as it was; the import itself is a dry run, which
does all the work of a commit (every check, every write) and then rolls back. The
compliance scan a commit runs afterwards is benchmark 1's.

Floors, in the same run: the same rows (citizens, courses, assignments, periods,
agreements, weeks, contacts) written with plain `bulk_create`, no checks; and again with
a history row each (simple-history's `bulk_create_with_history`), as the import writes
them. Also printed: the statements per course and the machine's load.

    python scripts/stack.py exec python bench/bench_import.py [--forloeb 3000] [--uger 40000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import time
from decimal import Decimal
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


def gulv(org, sb, team, mentorer, forloebsfil, ugefil, historik: bool = False) -> float:
    """Seconds to write the import's rows with plain bulk_create, no checks; with
    `historik` through simple-history's bulk_create_with_history (a row of history each,
    as the import writes)."""
    from simple_history.utils import bulk_create_with_history

    from forloeb import cpr
    from forloeb.models import Bevilling, Borger, Forloeb, Mentoraftale, Mentortilknytning
    from tidsregistrering.models import Kontakt, Ugeregistrering
    from tidsregistrering.uger import uge_mandag

    def rows(fil):
        return list(csv.DictReader(io.StringIO(fil[1].decode()), delimiter=";"))

    mentor_af = {m.email: m for m in mentorer}
    sager: dict[str, list[dict]] = {}
    for r in rows(forloebsfil):
        sager.setdefault(r["sagsnummer"], []).append(r)
    uger: dict[str, list[dict]] = {}
    for r in rows(ugefil):
        uger.setdefault(r["sagsnummer"], []).append(r)
    krypteret = cpr.encrypt("0101901001")
    tag = "gulvh" if historik else "gulv"

    class Objects:
        def __init__(self, model):
            self.model = model

        def bulk_create(self, objs):
            objs = list(objs)
            if historik:
                return bulk_create_with_history(objs, self.model)
            return self.model.objects.bulk_create(objs)

    start = time.perf_counter()
    borgere = Objects(Borger).bulk_create(
        Borger(
            organisation=org,
            cpr_krypteret=krypteret,
            cpr_hash=f"{tag}-{nr}",
            foedselsdato=dt.date(1990, 1, 1),
            navn=rs[0]["navn"],
            ydelsesgruppe=rs[0]["ydelsesgruppe"],
        )
        for nr, rs in sager.items()
    )
    forloeb = Objects(Forloeb).bulk_create(
        Forloeb(
            organisation=org,
            team=team,
            borger=b,
            sagsbehandler=sb,
            formaal=rs[0]["formaal"],
            maal=rs[0]["maal"],
            opgaver=rs[0]["opgaver"],
            lovgrundlag=rs[0]["lovgrundlag"],
            status="aktiv",
            mentor=mentor_af[rs[0]["mentor"]],
            sagsnummer=f"{tag}-{nr}",
        )
        for b, (nr, rs) in zip(borgere, sager.items(), strict=True)
    )
    Objects(Mentortilknytning).bulk_create(
        Mentortilknytning(
            forloeb=f,
            mentor=f.mentor,
            fra=dt.date.fromisoformat(rs[0]["periode_start"]),
            oprettet_af=sb,
        )
        for f, rs in zip(forloeb, sager.values(), strict=True)
    )
    bevillinger = Objects(Bevilling).bulk_create(
        Bevilling(
            forloeb=f,
            start=dt.date.fromisoformat(r["periode_start"]),
            slut=dt.date.fromisoformat(r["periode_slut"]),
            timer_pr_uge=Decimal(r["timer_pr_uge"]),
            kvalifikationer=r["kvalifikationer"],
            vurdering=r["vurdering"],
            besluttet=dt.date.fromisoformat(r["periode_start"]),
            besluttet_af=sb,
        )
        for f, rs in zip(forloeb, sager.values(), strict=True)
        for r in rs
    )
    Objects(Mentoraftale).bulk_create(
        Mentoraftale(
            bevilling=b,
            version=1,
            dato=b.besluttet,
            aarsag="bevilling",
            maal="Et konkret mål.",
            mentor_navn="Mentor",
            opgaver="Struktur.",
            start=b.start,
            slut=b.slut,
            timer_pr_uge=b.timer_pr_uge,
            klagevejledning="Klagevejledning.",
        )
        for b in bevillinger
    )
    registreringer, minutter = [], []
    for f, nr in zip(forloeb, sager, strict=True):
        for r in uger.get(nr, []):
            mandag = uge_mandag(int(r["aar"]), int(r["uge"]))
            registreringer.append(
                Ugeregistrering(
                    forloeb=f,
                    aar=int(r["aar"]),
                    uge=int(r["uge"]),
                    uge_start=mandag,
                    mentor=f.mentor,
                    registreret_af=f.mentor.bruger,
                    minutter_i_alt=int(r["minutter"]),
                )
            )
            minutter.append((mandag, int(r["minutter"]), r["form"]))
    Objects(Ugeregistrering).bulk_create(registreringer)
    Objects(Kontakt).bulk_create(
        Kontakt(registrering=u, dato=d, minutter=m, form=form, emner=[])
        for u, (d, m, form) in zip(registreringer, minutter, strict=True)
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forloeb", type=int, default=3000)
    parser.add_argument("--uger", type=int, default=40000)
    args = parser.parse_args()
    common.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from forloeb.models import Mentor, MentorType
    from indlaesning.importering import FEJL, importer
    from organisation.models import Organisation, Rolle, Team, User

    print(common.header("Indlæsning af igangværende forløb"))
    today = timezone.localdate()
    mentorer = []
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
            mentor = Mentor.objects.create(
                organisation=org,
                navn=f"Mentor {i}",
                type=MentorType.INTERN,
                email=f"bench{org.pk}-{i}@bench.invalid",
                kapacitet=100,
                bruger=bruger,
            )
            mentorer.append(mentor)
        forloebsfil, ugefil, n_raekker, n_uger = filer(
            args.forloeb, args.uger, today, antal_mentorer, org.pk
        )
        load_foer = os.getloadavg()[0]
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            rapport = importer(organisation=org, forloebsfil=forloebsfil, ugefil=ugefil)
        sekunder = time.perf_counter() - start
        load_efter = os.getloadavg()[0]
        gulv_s = gulv(org, sb, team, mentorer, forloebsfil, ugefil)
        gulv_h = gulv(org, sb, team, mentorer, forloebsfil, ugefil, historik=True)
        transaction.set_rollback(True)
    fejl = [r for r in rapport.resultater if r.status == FEJL]
    n = max(1, len(rapport.resultater))
    print(
        common.table(
            [
                "forløb",
                "perioderækker",
                "ugerækker",
                "med fejl",
                "tid (s)",
                "gulv (s)",
                "× gulv",
                "gulv med historik (s)",
                "× det",
                "forespørgsler pr. forløb",
                "load før/efter",
                "mål (s)",
            ],
            [
                [
                    len(rapport.resultater),
                    n_raekker,
                    n_uger,
                    len(fejl),
                    f"{sekunder:.1f}",
                    f"{gulv_s:.1f}",
                    f"{sekunder / gulv_s:.1f}",
                    f"{gulv_h:.1f}",
                    f"{sekunder / gulv_h:.1f}",
                    f"{len(queries) / n:.2f}",
                    f"{load_foer:.1f} / {load_efter:.1f}",
                    TARGET_S,
                ]
            ],
        )
    )
    if fejl:
        print("Første fejl:", fejl[0].fejl[:3])
    return 0 if sekunder < TARGET_S and not fejl else 1


if __name__ == "__main__":
    raise SystemExit(main())
