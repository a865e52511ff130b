"""Demo Kommune's week registrations from the week model (demo.uger), bulk-inserted.

Idempotent per organisation (nothing happens once it has registrations); deterministic
(one random stream per course, from the seed and the course id). Demo rows get no
history rows, and bulk inserts keep the kommune scale within a minute or so.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from forloeb.models import Bevilling, Emne, Forloeb, Mentortilknytning, Status
from tidsregistrering.models import Kontakt, Ugeregistrering

from .. import uger

BATCH = 2000
# Topics of contacts for a citizen without recorded problem areas.
STANDARD_EMNER = [Emne.STRUKTUR, Emne.MOEDESTABILITET, Emne.ARBEJDE]


def _aware(d: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour, minute)))


def _ugeforloeb(f: Forloeb, today: date) -> uger.Ugeforloeb:
    afslutning = getattr(f, "afslutning", None)
    return uger.Ugeforloeb(
        perioder=[
            (
                b.start,
                b.slut,
                b.timer_pr_uge,
                sorted((a.gaelder_fra, a.timer_pr_uge) for a in b.timeaendringer.all()),
            )
            for b in f.bevillinger.all()
        ],
        tilknytninger=[(t, t.fra, t.til) for t in f.tilknytninger.all()],
        til=min(today, afslutning.dato) if afslutning else today,
        emner=list(f.borger.problemomraader) or STANDARD_EMNER,
    )


def _flush(pending: list) -> int:
    regs = Ugeregistrering.objects.bulk_create([r for r, _k in pending])
    kontakter = []
    for reg, (_r, ks) in zip(regs, pending, strict=True):
        for k in ks:
            k.registrering_id = reg.pk
            kontakter.append(k)
    Kontakt.objects.bulk_create(kontakter, batch_size=BATCH)
    return len(regs)


def _registreringer(f: Forloeb, kurs: uger.Ugeforloeb, vane, rng, today, now):
    for mandag, tilknytning, aarsag, kontakter, reg_dag, godkendt_dag in uger.uger(
        rng, vane, kurs, today
    ):
        aar, uge, _ = mandag.isocalendar()
        registreret = min(_aware(reg_dag, rng.randint(8, 20), rng.randint(0, 59)), now)
        godkendt = None
        if godkendt_dag is not None:
            godkendt = min(max(_aware(godkendt_dag, 10), registreret), now)
        yield (
            Ugeregistrering(
                forloeb=f,
                aar=aar,
                uge=uge,
                uge_start=mandag,
                mentor_id=tilknytning.mentor_id,
                ingen_kontakt_aarsag=aarsag,
                minutter_i_alt=sum(k[1] for k in kontakter),
                registreret_af_id=tilknytning.mentor.bruger_id or f.sagsbehandler_id,
                registreret=registreret,
                godkendt=godkendt,
                godkendt_af_id=f.sagsbehandler_id if godkendt else None,
            ),
            [
                Kontakt(dato=d, minutter=m, form=form, emner=emner)
                for d, m, form, emner in kontakter
            ],
        )


@transaction.atomic
def seed(organisation, *, seed: int = 2019, stdout=None) -> int:
    today, now = timezone.localdate(), timezone.now()
    if Ugeregistrering.objects.filter(forloeb__organisation=organisation).exists():
        return 0
    kurser = [
        f
        for f in Forloeb.objects.filter(organisation=organisation)
        .exclude(status=Status.KLADDE)
        .select_related("borger", "afslutning")
        .prefetch_related(
            Prefetch("bevillinger", queryset=Bevilling.objects.order_by("start")),
            "bevillinger__timeaendringer",
            Prefetch(
                "tilknytninger",
                queryset=Mentortilknytning.objects.select_related("mentor").order_by("fra"),
            ),
        )
        .order_by("pk")
        if f.bevillinger.all()
    ]
    planer = [_ugeforloeb(f, today) for f in kurser]
    laengder = [(k.til - k.perioder[0][0]).days // 7 for k in planer]
    profiler = uger.profiler(random.Random(f"tid-profiler-{seed}"), laengder)
    total, pending = 0, []
    for f, kurs, profil in zip(kurser, planer, profiler, strict=True):
        rng = random.Random(f"tid-{seed}-{f.pk}")
        vane = uger.ugevane(rng, profil)
        pending.extend(_registreringer(f, kurs, vane, rng, today, now))
        if len(pending) >= BATCH:
            total += _flush(pending)
            pending = []
    if pending:
        total += _flush(pending)
    if stdout is not None:
        stdout.write(f"Tidsregistrering: {total} ugeregistreringer oprettet.\n")
    return total
