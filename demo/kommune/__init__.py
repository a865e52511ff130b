"""Demo Kommune, built through the services: `seed(organisation, scale=..., seed=...)`.

Courses follow the table (demo.fordelinger) through the shared plan (demo.plan,
demo.tidslinje); citizens, courses, mentors, assignments, periods, agreements, changes of
hours, ends and outcomes go through forloeb.services, so every legal rule holds; plain
child rows and week registrations are bulk-created for speed. Each step is idempotent
(an organisation that already has courses, or registrations, is left alone) and
deterministic (random.Random(seed), Faker seeded).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from forloeb import services
from forloeb.models import Forloeb
from organisation.models import Organisation

from .. import draw, plan
from . import huller, registreringer
from .forloeb import Kurser, start_for
from .personer import Personer
from .skala import SKALAER


class _Quiet:
    def write(self, *_args, **_kwargs):
        pass


def seed(organisation: Organisation, *, scale: str = "small", seed: int = 2019, stdout=None):
    out = stdout or _Quiet()
    seed_forloeb(organisation, scale=scale, seed=seed, stdout=out)
    registreringer.seed(organisation, seed=seed, stdout=out)
    huller.seed(organisation, stdout=out)


def seed_forloeb(
    organisation: Organisation, *, scale: str = "small", seed: int = 2019, stdout=None
):
    """Create the demo courses for the organisation unless it already has some."""
    out = stdout or _Quiet()
    if Forloeb.objects.filter(organisation=organisation).exists():
        out.write("Forløb findes allerede; demo-forløb springes over.\n")
        return
    skala = SKALAER[scale]
    with transaction.atomic():
        _run(organisation, skala, seed, out)
    antal = Forloeb.objects.filter(organisation=organisation).count()
    out.write(f"Demo-forløb oprettet: {antal}.\n")


def _run(organisation, skala, seed, out) -> None:
    rng = random.Random(seed)
    fake = Faker("da_DK")
    fake.seed_instance(seed)
    today = timezone.localdate()
    personer = Personer(organisation, skala, rng, fake, random.Random(f"oensker-{seed}"))
    kurser = Kurser(personer, skala, rng, today)
    planer = plan.tegn(rng, skala.forloeb)
    aktive = draw.quota(
        rng, skala.forloeb, {True: skala.andel_aktive, False: 1 - skala.andel_aktive}
    )
    for p, aktiv in zip(planer, aktive, strict=True):
        p.start = start_for(rng, p, aktiv, today, skala.aar)
    planer.sort(key=lambda p: p.start)
    genbrug = plan.Genbrug(rng)
    for i, p in enumerate(planer, 1):
        aktiv = plan.er_aktiv(rng, p, today)
        borger = genbrug.tag(p.start) or personer.borger(p)
        kurser.forloeb(p, aktiv, borger)
        if not aktiv:
            genbrug.afsluttet(p.planlagt_slut, borger)
        if i % 500 == 0:
            kurser.boern.gem()
            out.write(f"  {i} forløb oprettet …\n")
    for p in plan.tegn(rng, skala.kladder):
        p.start = today - timedelta(days=rng.randint(1, 45))
        kurser.kladde(p, personer.borger(p, venter=True))
    kurser.boern.gem()
    for plads in personer.korps.udtraedende():
        services.opdater_mentor(
            user=personer.koordinator, mentor=personer.mentorer[plads.id], aktiv=False
        )
