"""The national scale's ~2 million week registrations and their contacts: the shared
week model (demo.uger) streamed into COPY, contacts through a temporary file."""

from __future__ import annotations

import random
import tempfile
from datetime import date

from tidsregistrering.models import Kontakt, Ugeregistrering

from .. import uger
from .bulk import copy
from .kontekst import Kontekst
from .personer import Org

CHUNK = 20_000


def copy_weeks(ctx: Kontekst, cursor, kurser: list, orgs: list[Org]) -> None:
    today = ctx.today
    t_uge = ctx.tabel(
        "uge",
        Ugeregistrering,
        ["id", "forloeb_id", "aar", "uge", "uge_start", "mentor_id", "ingen_kontakt_aarsag",
         "minutter_i_alt", "registreret_af_id", "registreret", "aendret", "godkendt_af_id",
         "godkendt", "version"],
    )  # fmt: skip
    t_kontakt = ctx.tabel(
        "kontakt", Kontakt, ["id", "registrering_id", "dato", "minutter", "form", "emner"]
    )
    bruger = {mid: pl.bruger for org in orgs for mid, pl in org.korps.alle.items()}
    laengder = [
        (k.ugeforloeb.til - k.ugeforloeb.perioder[0][0]).days // 7 if k.ugeforloeb.perioder else 0
        for k in kurser
    ]
    profiler = uger.profiler(random.Random(ctx.rng.random()), laengder)
    iso: dict[date, tuple[int, int, str]] = {}
    ku_suffix, ug_suffix = t_kontakt.suffix, t_uge.suffix
    uge_id = ctx.ids.next[Ugeregistrering]
    kontakt_id = ctx.ids.next[Kontakt]
    n_uger = n_kontakt = 0
    rng = ctx.rng
    kontakt_file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def chunks():
        nonlocal uge_id, kontakt_id, n_uger, n_kontakt
        buf: list[str] = []
        kbuf: list[str] = []
        for kurs, profil in zip(kurser, profiler, strict=True):
            vane = uger.ugevane(rng, profil)
            for mandag, mentor, aarsag, kontakter, reg_dag, godkendt_dag in uger.uger(
                rng, vane, kurs.ugeforloeb, today
            ):
                if mandag not in iso:
                    y, w, _d = mandag.isocalendar()
                    iso[mandag] = (y, w, mandag.isoformat())
                y, w, ms = iso[mandag]
                minutter = 0
                for dag, m, form, emner in kontakter:
                    kbuf.append(
                        f"{kontakt_id}\t{uge_id}\t{dag.isoformat()}\t{m}\t{form}"
                        f"\t{{{','.join(emner)}}}{ku_suffix}"
                    )
                    kontakt_id += 1
                    minutter += m
                # Registered during the working day; today's in the small hours (not ahead).
                tid = (
                    f"{0 if reg_dag == today else rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}"
                )
                reg = f"{reg_dag.isoformat()} {tid}:00+00"
                godkendt = "\\N\t\\N"
                if godkendt_dag is not None:
                    # Approved after registration: the same moment when it is the same day.
                    g = (
                        reg
                        if godkendt_dag <= reg_dag
                        else f"{godkendt_dag.isoformat()} 00:00:00+00"
                    )
                    godkendt = f"{kurs.sagsbehandler}\t{g}"
                buf.append(
                    f"{uge_id}\t{kurs.id}\t{y}\t{w}\t{ms}\t{mentor}\t{aarsag}\t{minutter}"
                    f"\t{bruger[mentor]}\t{reg}\t{reg}\t{godkendt}\t1{ug_suffix}"
                )
                uge_id += 1
            if len(buf) >= CHUNK:
                n_uger += len(buf)
                yield "".join(buf)
                buf.clear()
                n_kontakt += len(kbuf)
                kontakt_file.write("".join(kbuf))
                kbuf.clear()
        n_uger += len(buf)
        n_kontakt += len(kbuf)
        kontakt_file.write("".join(kbuf))
        yield "".join(buf)

    copy(cursor, t_uge, chunks())
    ctx.log(f"ugeregistreringer: {n_uger:,}")
    kontakt_file.seek(0)

    def file_chunks():
        while True:
            data = kontakt_file.read(4 << 20)
            if not data:
                return
            yield data

    copy(cursor, t_kontakt, file_chunks())
    kontakt_file.close()
    ctx.log(f"kontakter: {n_kontakt:,}")
    ctx.ids.next[Ugeregistrering] = uge_id
    ctx.ids.next[Kontakt] = kontakt_id
    ctx.counts["ugeregistreringer"] = n_uger
    ctx.counts["kontakter"] = n_kontakt
