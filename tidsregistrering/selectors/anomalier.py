"""Implausible patterns among a course's weeks: many hours, identical totals, late entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Ugeregistrering
from ._faelles import minutter_som_timer

# A week above this is implausible enough to show the caseworker (37 h cannot be saved).
HOEJT_TIMETAL_MINUTTER = 20 * 60


ENS_TOTAL_UGER = 4


SEN_REGISTRERING_DAGE = 14


@dataclass(frozen=True)
class Anomali:
    kode: str
    tekst: str
    aar: int
    uge: int


def anomalier(registreringer: list[Ugeregistrering]) -> list[Anomali]:
    """Implausible patterns among one course's registrations (any order)."""
    regs = sorted(registreringer, key=lambda r: r.uge_start)
    found: list[Anomali] = []
    for r in regs:
        if r.minutter_i_alt > HOEJT_TIMETAL_MINUTTER:
            found.append(
                Anomali(
                    "hoejt_timetal",
                    _("Uge %(uge)s/%(aar)s: %(timer)s timer er usædvanligt mange.")
                    % {"uge": r.uge, "aar": r.aar, "timer": minutter_som_timer(r.minutter_i_alt)},
                    r.aar,
                    r.uge,
                )
            )
        registreret = timezone.localdate(r.registreret)
        dage = (registreret - (r.uge_start + timedelta(days=6))).days
        if dage > SEN_REGISTRERING_DAGE:
            found.append(
                Anomali(
                    "sen_registrering",
                    _("Uge %(uge)s/%(aar)s blev registreret %(dage)s dage efter ugens slutning.")
                    % {"uge": r.uge, "aar": r.aar, "dage": dage},
                    r.aar,
                    r.uge,
                )
            )
    # Identical non-zero totals in consecutive weeks.
    run: list[Ugeregistrering] = []
    for r in regs + [None]:
        continues = (
            r is not None
            and run
            and r.minutter_i_alt == run[-1].minutter_i_alt
            and r.uge_start == run[-1].uge_start + timedelta(weeks=1)
        )
        if continues:
            run.append(r)
            continue
        if len(run) >= ENS_TOTAL_UGER:
            first, last = run[0], run[-1]
            found.append(
                Anomali(
                    "ens_total",
                    _(
                        "Præcis %(timer)s timer hver uge i %(antal)s uger i træk "
                        "(uge %(fra)s/%(fra_aar)s–%(til)s/%(til_aar)s)."
                    )
                    % {
                        "timer": minutter_som_timer(first.minutter_i_alt),
                        "antal": len(run),
                        "fra": first.uge,
                        "fra_aar": first.aar,
                        "til": last.uge,
                        "til_aar": last.aar,
                    },
                    first.aar,
                    first.uge,
                )
            )
        run = [r] if r is not None and r.minutter_i_alt > 0 else []
    return sorted(found, key=lambda a: (a.aar, a.uge, a.kode))
