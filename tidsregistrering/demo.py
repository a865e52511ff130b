"""Demo week registrations following PRODUCT.md §8.

`seed(organisation, scale=..., seed=..., stdout=...)` fills the past weeks of every granted
demo course by the mentor of that week: about 60–70% of weeks with contact and 1–1.8 h a
week logged on average, some courses with long silences, some delivering more than
granted, some with implausible patterns (the same total every week, entered weeks late),
and last week left open for some. Idempotent: courses that already have registrations are
left alone. Deterministic: one random stream per course, from the seed and the course id.
Bulk inserts (no history rows for demo data) keep the kommune scale within a minute or so.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from forloeb.models import (
    Bevilling,
    Emne,
    Forloeb,
    Mentortilknytning,
    Status,
)

from .choices import IngenKontaktAarsag, Kontaktform
from .models import Kontakt, Ugeregistrering
from .services import MAX_MINUTTER_PR_UGE

FORMER = {
    Kontaktform.FYSISK: 45,
    Kontaktform.TELEFON: 25,
    Kontaktform.SKRIFTLIG: 10,
    Kontaktform.LEDSAGELSE: 10,
    Kontaktform.VIDEO: 5,
    Kontaktform.NETVAERKSMOEDE: 5,
}
AARSAGER = {
    IngenKontaktAarsag.UDEBLEV: 40,
    IngenKontaktAarsag.SYG: 25,
    IngenKontaktAarsag.FERIE: 15,
    IngenKontaktAarsag.MENTOR_FRAVAER: 10,
    IngenKontaktAarsag.ANDET: 10,
}
# Course profiles and their shares.
PROFILER = {
    "normal": 70,
    "stille": 10,  # long silences: weeks with no contact and nothing registered
    "overlevering": 8,  # logs more than granted
    "ens": 5,  # exactly the same total every week
    "sen": 7,  # weeks entered long after
}
BATCH = 2000


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _profiler(forloeb: list[Forloeb], seed: int) -> list[str]:
    """Profiles by quota (largest remainder), so every profile appears in the shares of
    PROFILER whatever the database ids are. The longest-running courses get the profiles
    that need many weeks to show (identical totals four weeks running, long silences)."""
    n = len(forloeb)
    total = sum(PROFILER.values())
    exact = {p: n * w / total for p, w in PROFILER.items()}
    antal = {p: int(x) for p, x in exact.items()}
    for p in sorted(exact, key=lambda p: exact[p] - antal[p], reverse=True)[
        : n - sum(antal.values())
    ]:
        antal[p] += 1
    laengst = sorted(range(n), key=lambda i: (forloeb[i].bevillinger.all()[0].start, forloeb[i].pk))
    profiler = ["normal"] * n
    rest = []
    for i in laengst:
        for p in ("ens", "stille"):
            if antal[p]:
                profiler[i], antal[p] = p, antal[p] - 1
                break
        else:
            rest.append(i)
    andre = [p for p in ("overlevering", "sen") for _ in range(antal[p])]
    random.Random(f"tid-profiler-{seed}").shuffle(rest)
    for i, p in zip(rest, andre, strict=False):
        profiler[i] = p
    return profiler


def _aware(d: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour, minute)))


def _timer(perioder: list[Bevilling], dag: date) -> float:
    for p in perioder:
        if p.start <= dag <= p.slut:
            aendringer = [a for a in p.timeaendringer.all() if a.gaelder_fra <= dag]
            if aendringer:
                return float(max(aendringer, key=lambda a: a.gaelder_fra).timer_pr_uge)
            return float(p.timer_pr_uge)
    return 0.0


def _dele(rng: random.Random, minutter: int) -> list[int]:
    """Split a week's minutes into 1–3 contacts of whole quarters (at least 15 min)."""
    kvarterer = max(1, round(minutter / 15))
    antal = min(kvarterer, rng.choices([1, 2, 3], weights=[50, 35, 15])[0])
    cuts = sorted(rng.sample(range(1, kvarterer), antal - 1)) if antal > 1 else []
    edges = [0] + cuts + [kvarterer]
    return [(b - a) * 15 for a, b in zip(edges, edges[1:], strict=False)]


class _Plan:
    def __init__(self, forloeb: Forloeb, seed: int, idag: date, now: datetime, profil: str):
        self.f = forloeb
        self.rng = random.Random(f"tid-{seed}-{forloeb.pk}")
        self.idag = idag
        self.now = now
        self.profil = profil
        # Some leave last week open (and most of this week is still to come).
        self.forrige_aaben = self.rng.random() < 0.3
        self.ens_minutter = self.rng.choice([60, 90, 120])
        afslutning = getattr(forloeb, "afslutning", None)
        self.slut = min(idag, afslutning.dato) if afslutning else idag
        self.emner = list(forloeb.borger.problemomraader) or [
            Emne.STRUKTUR,
            Emne.MOEDESTABILITET,
            Emne.ARBEJDE,
        ]
        if self.profil == "stille":
            self.stille_fra = self.rng.randint(2, 8)
            self.stille_laengde = self.rng.randint(4, 9)

    def uger(self):
        perioder = list(self.f.bevillinger.all())
        if not perioder:
            return
        start = min(p.start for p in perioder)
        mandag = start - timedelta(days=start.weekday())
        denne = self.idag - timedelta(days=self.idag.weekday())
        nr = 0
        while mandag <= self.slut:
            yield nr, mandag, perioder, mandag == denne
            mandag += timedelta(weeks=1)
            nr += 1

    def mentor_og_dage(self, mandag, perioder):
        """The week's mentor (most days) and the days they may log."""
        best, best_dage = None, []
        for t in self.f.tilknytninger.all():
            dage = [
                mandag + timedelta(days=i)
                for i in range(7)
                if t.fra <= mandag + timedelta(days=i) <= (t.til or date.max)
                and mandag + timedelta(days=i) <= self.slut
                and any(p.start <= mandag + timedelta(days=i) <= p.slut for p in perioder)
            ]
            if len(dage) > len(best_dage):
                best, best_dage = t, dage
        return best, best_dage

    def registreringer(self):
        rng = self.rng
        for nr, mandag, perioder, denne_uge in self.uger():
            tilknytning, dage = self.mentor_og_dage(mandag, perioder)
            if tilknytning is None or not dage:
                continue
            forrige = mandag == self.idag - timedelta(days=self.idag.weekday(), weeks=1)
            if denne_uge and rng.random() < 0.6:
                continue
            if forrige and self.forrige_aaben:
                continue
            if self.profil == "stille" and self.stille_fra <= nr < (
                self.stille_fra + self.stille_laengde
            ):
                continue
            timer = _timer(perioder, dage[0])
            minutter, aarsag = 0, ""
            if self.profil == "overlevering":
                minutter = round(timer * 60 * rng.uniform(1.3, 2.0))
                if nr == 2:
                    # One implausibly heavy week (over 20 h) for the caseworker to check.
                    minutter = rng.randint(21 * 4, 24 * 4) * 15
            elif self.profil == "ens":
                minutter = self.ens_minutter
            elif rng.random() < 0.645:
                minutter = round(timer * 60 * rng.uniform(0.45, 0.95))
            elif rng.random() < 0.5:
                aarsag = _weighted(rng, AARSAGER)
            else:
                continue  # no contact and nothing registered
            if not aarsag:
                minutter = min(max(minutter, 15), MAX_MINUTTER_PR_UGE)
            kontakter = []
            if not aarsag:
                for del_minutter in _dele(rng, minutter):
                    kontakter.append(
                        Kontakt(
                            dato=rng.choice(dage),
                            minutter=del_minutter,
                            form=_weighted(rng, FORMER),
                            emner=rng.sample(self.emner, min(len(self.emner), rng.randint(1, 2))),
                        )
                    )
                minutter = sum(k.minutter for k in kontakter)
            uge_slut = mandag + timedelta(days=6)
            forsinkelse = rng.randint(21, 45) if self.profil == "sen" else rng.randint(0, 3)
            registreret = min(
                _aware(min(dage[-1], uge_slut) + timedelta(days=forsinkelse), rng.randint(8, 20)),
                self.now,
            )
            godkendt = None
            if uge_slut < self.idag - timedelta(days=21) and rng.random() < 0.7:
                godkendt = min(registreret + timedelta(days=rng.randint(3, 10)), self.now)
            aar, uge, _ = mandag.isocalendar()
            yield (
                Ugeregistrering(
                    forloeb=self.f,
                    aar=aar,
                    uge=uge,
                    uge_start=mandag,
                    mentor_id=tilknytning.mentor_id,
                    ingen_kontakt_aarsag=aarsag,
                    ingen_kontakt_note="",
                    minutter_i_alt=minutter,
                    registreret_af_id=tilknytning.mentor.bruger_id or self.f.sagsbehandler_id,
                    registreret=registreret,
                    godkendt=godkendt,
                    godkendt_af_id=self.f.sagsbehandler_id if godkendt else None,
                ),
                kontakter,
            )


def _flush(pending: list) -> int:
    regs = Ugeregistrering.objects.bulk_create([r for r, _k in pending])
    kontakter = []
    for reg, ks in zip(regs, (k for _r, k in pending), strict=True):
        for k in ks:
            k.registrering_id = reg.pk
            kontakter.append(k)
    Kontakt.objects.bulk_create(kontakter, batch_size=BATCH)
    return len(regs)


@transaction.atomic
def seed(organisation, *, scale: str = "small", seed: int = 2019, stdout=None) -> int:
    idag = timezone.localdate()
    now = timezone.now()
    # Idempotent per organisation: profiles are shared out over all its courses at once.
    if Ugeregistrering.objects.filter(forloeb__organisation=organisation).exists():
        return 0
    har_registreringer = Ugeregistrering.objects.filter(forloeb=OuterRef("pk"))
    forloeb = (
        Forloeb.objects.filter(organisation=organisation)
        .exclude(status=Status.KLADDE)
        .exclude(Exists(har_registreringer))
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
    )
    total = 0
    pending: list = []
    kurser = [f for f in forloeb if f.bevillinger.all()]
    for f, profil in zip(kurser, _profiler(kurser, seed), strict=True):
        pending.extend(_Plan(f, seed, idag, now, profil).registreringer())
        if len(pending) >= BATCH:
            total += _flush(pending)
            pending = []
    if pending:
        total += _flush(pending)
    if stdout is not None:
        stdout.write(f"Tidsregistrering: {total} ugeregistreringer oprettet.")
    return total
