"""A course's week registrations from the table (§5, §8): the same model for every scale.

`Ugevane` is a course's contact habit, drawn once; `uger` walks its weeks and yields what
the mentor registered. Plain tuples, no ORM: the small and kommune scales bulk-create
them, the national scale writes them with COPY. Each registration respects what
tidsregistrering.services.registrer_uge checks: only weeks inside a granted period and
the mentor's assignment, by that week's mentor, contacts on days inside both and not in
the future, at most 37 hours a week, a reason when there was no contact.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from tidsregistrering.services import MAX_MINUTTER_PR_UGE

from . import draw
from . import fordelinger as F

MAX_KVARTERER = MAX_MINUTTER_PR_UGE // 15


# Profiles that need many weeks to show (four identical weeks, a long silence, the heavy
# third week) go to courses of at least LANGE_UGER weeks.
LANGE_PROFILER = ("ens", "stille", "overlevering")
LANGE_UGER = 12


def profiler(rng: random.Random, laengder: list[int]) -> list[str]:
    """Profiles by quota for courses of these lengths (in weeks)."""
    antal: dict[str, int] = {}
    for profil in draw.quota(rng, len(laengder), F.UGEPROFILER):
        antal[profil] = antal.get(profil, 0) + 1
    lange = [i for i, n in enumerate(laengder) if n >= LANGE_UGER]
    rng.shuffle(lange)
    result = ["normal"] * len(laengder)
    givet = set()
    for profil in LANGE_PROFILER:
        for i in lange[len(givet) : len(givet) + antal.pop(profil, 0)]:
            result[i] = profil
            givet.add(i)
    rest = [i for i in range(len(laengder)) if i not in givet]
    rng.shuffle(rest)
    andre = [p for p, k in antal.items() if p != "normal" for _ in range(k)]
    for i, profil in zip(rest, andre, strict=False):
        result[i] = profil
    return result


@dataclass
class Ugevane:
    profil: str
    kontakt: float  # chance that a week has contact
    faktor: float  # delivered share of the granted hours in a week with contact
    stille_fra: int = 0  # week number where the silence starts ("stille")
    stille_til: int = 0
    ens_minutter: int = 0


def ugevane(rng: random.Random, profil: str) -> Ugevane:
    mean, sd = F.KONTAKT_ANDEL
    lo, hi = F.KONTAKT_ANDEL_GRAENSER
    s = F.LEVERET_SPREDNING_FORLOEB
    vane = Ugevane(
        profil=profil,
        kontakt=min(hi, max(lo, rng.gauss(mean, sd))),
        faktor=rng.lognormvariate(math.log(F.LEVERET_ANDEL) - s * s / 2, s),
    )
    if profil == "fravaerende":
        vane.kontakt = F.FRAVAERENDE_KONTAKT
    elif profil == "ens":
        vane.kontakt = 1.0  # the same total every week, so a contact every week
    elif profil == "stille":
        vane.stille_fra = draw.between(rng, F.STILLE_FRA_UGE)
        vane.stille_til = vane.stille_fra + draw.between(rng, F.STILLE_UGER)
    vane.ens_minutter = rng.choice(F.ENS_MINUTTER)
    return vane


@dataclass(frozen=True)
class Ugeforloeb:
    """What the week model needs of a course: its periods (start, end, hours,
    [(from, hours)]), its mentors [(mentor, from, to or None)] and its topics."""

    perioder: list
    tilknytninger: list
    til: date  # last day observed (the end, or today)
    emner: list


def _timer(perioder, dag: date) -> float:
    """Hours in effect on the day (the period's, or its latest change from that day)."""
    for start, slut, timer, aendringer in perioder:
        if start <= dag <= slut:
            for fra, ny in reversed(aendringer):
                if fra <= dag:
                    return float(ny)
            return float(timer)
    return 0.0


def _ugens_mentor(tilknytninger, lo: date, hi: date):
    """The mentor covering most of [lo, hi] and the days they cover (only the week's
    mentor registers it, registrer_uge)."""
    best = None
    for mentor, fra, til in tilknytninger:
        a, b = max(lo, fra), min(hi, til or hi)
        if a <= b and (best is None or (b - a) > (best[2] - best[1])):
            best = (mentor, a, b)
    return best


def _dele(kvarterer: int) -> list[int]:
    """A week's quarters split evenly into its contacts (KONTAKTER_PR_UGE)."""
    antal = next(n for graense, n in F.KONTAKTER_PR_UGE if graense is None or kvarterer <= graense)
    return [15 * (kvarterer // antal + (1 if j < kvarterer % antal else 0)) for j in range(antal)]


def uger(rng: random.Random, vane: Ugevane, kurs: Ugeforloeb, today: date):
    """Yield (monday, mentor, reason, [(day, minutes, form, topics)], registered day,
    approved day or None) for every week the mentor registered."""
    perioder = kurs.perioder
    if not perioder:
        return
    foerste, sidste = perioder[0][0], min(perioder[-1][1], kurs.til, today)
    denne = draw.monday(today)
    forrige = denne - timedelta(weeks=1)
    p_forrige = F.REGISTRERET_FORRIGE_UGE[1 if today.isoweekday() > 3 else 0]
    godkend_foer = today - timedelta(weeks=F.GODKENDT_EFTER_UGER)
    forsinkelse = F.REGISTRERING_SEN_DAGE if vane.profil == "sen" else F.REGISTRERING_DAGE
    former, form_w = list(F.KONTAKTFORM), list(F.KONTAKTFORM.values())
    aarsager, aarsag_w = list(F.INGEN_KONTAKT_AARSAG), list(F.INGEN_KONTAKT_AARSAG.values())
    spredning = F.LEVERET_SPREDNING_UGE
    mandag, nr = draw.monday(foerste), -1
    tung_uge = False  # an "overlevering" course gets one implausibly heavy week
    while mandag <= sidste:
        nr += 1
        uge_mandag, mandag = mandag, mandag + timedelta(weeks=1)
        if uge_mandag == denne:
            p_reg = F.REGISTRERET_DENNE_UGE
        elif uge_mandag == forrige:
            p_reg = p_forrige
        else:
            p_reg = F.REGISTRERET_AELDRE
        if rng.random() >= p_reg or vane.stille_fra <= nr < vane.stille_til:
            continue
        lo = max(uge_mandag, foerste)
        hi = min(uge_mandag + timedelta(days=6), sidste)
        uge = _ugens_mentor(kurs.tilknytninger, lo, hi)
        if uge is None:
            continue
        mentor, lo, hi = uge
        timer = _timer(perioder, lo)
        kontakter, aarsag = [], ""
        if rng.random() < vane.kontakt:
            if vane.profil == "overlevering":
                minutter = timer * 60 * rng.uniform(*F.OVERLEVERING)
                if nr >= 2 and not tung_uge:
                    # From the third week on, the first week with contact: whatever weeks
                    # were registered by today, the course shows the pattern.
                    tung_uge = True
                    minutter = rng.randint(21 * 4, 24 * 4) * 15
            elif vane.profil == "ens":
                minutter = vane.ens_minutter
            else:
                noise = rng.lognormvariate(-spredning * spredning / 2, spredning)
                minutter = timer * 60 * vane.faktor * noise
            kvarterer = max(1, min(MAX_KVARTERER, round(minutter / 15)))
            span = (hi - lo).days
            for m in _dele(kvarterer):
                emner = rng.sample(
                    kurs.emner, min(len(kurs.emner), draw.between(rng, F.KONTAKT_EMNER))
                )
                dag = lo + timedelta(days=rng.randint(0, span))
                kontakter.append((dag, m, rng.choices(former, form_w)[0], emner))
        else:
            aarsag = rng.choices(aarsager, aarsag_w)[0]
        registreret = min(hi + timedelta(days=draw.between(rng, forsinkelse)), today)
        godkendt = None
        if uge_mandag + timedelta(days=6) < godkend_foer and rng.random() < F.GODKENDT:
            godkendt = min(registreret + timedelta(days=draw.between(rng, F.GODKENDT_DAGE)), today)
        yield uge_mandag, mentor, aarsag, kontakter, registreret, godkendt
