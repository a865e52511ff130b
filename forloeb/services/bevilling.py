"""Granting periods (at most 6 months at a time) and changing the hours within one.

LAB § 167, stk. 1: support for at most 6 months at a time; a new period after a concrete,
written assessment. Stk. 2: after psychiatric discharge, from up to 3 months before the
discharge. Stk. 3: under-30s starting an education, from the admission. Hours per week
are the caseworker's judgement (over 0, at most 37); a change of hours is its own decision.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from organisation.models import User

from .. import lov
from ..models import (
    Bevilling,
    Forloeb,
    Lovgrundlag,
    Mentoraftale,
    Status,
    Timeaendring,
)
from . import aftale as aftaler
from ._faelles import Fejl, bump, d, lock, require_caseworker, require_open, tjek_dato, tjek_tekster
from .forloeb import kraev_juridisk_indhold

MAX_TIMER_PR_UGE = Decimal("37")
TIMER_FEJL = _lazy("Timer pr. uge skal være over 0 og højst 37.")


def gyldige_timer(timer_pr_uge) -> bool:
    return timer_pr_uge is not None and 0 < Decimal(timer_pr_uge) <= MAX_TIMER_PR_UGE


def seneste_slutdato(start: date) -> date:
    """At most 6 months: end <= start + 6 months - 1 day (LAB § 167, stk. 1)."""
    return start + relativedelta(months=6) - timedelta(days=1)


def _tjek_lovgrundlag_foerste_periode(forloeb: Forloeb, start: date, fejl: Fejl) -> None:
    if forloeb.lovgrundlag == Lovgrundlag.PSYKIATRI and forloeb.udskrivningsdato:
        earliest = forloeb.udskrivningsdato - relativedelta(months=3)
        if start < earliest:
            fejl(
                "start",
                _(
                    "Ved udskrivning fra psykiatrien kan første periode tidligst starte "
                    "3 måneder før udskrivning (%(dato)s, %(lov)s)."
                )
                % {"dato": d(earliest), "lov": lov.PSYKIATRI},
            )
    if forloeb.lovgrundlag == Lovgrundlag.UDDANNELSESSTART and forloeb.optagelsesdato:
        sidste = forloeb.optagelsesdato + relativedelta(months=6) - timedelta(days=1)
        if not forloeb.optagelsesdato <= start <= sidste:
            fejl(
                "start",
                _(
                    "Retten ved start på uddannelse gælder i 6 måneder fra optagelsen: første "
                    "periode skal starte mellem %(fra)s og %(til)s (%(lov)s)."
                )
                % {
                    "fra": d(forloeb.optagelsesdato),
                    "til": d(sidste),
                    "lov": lov.UDDANNELSESSTART,
                },
            )


@transaction.atomic
def bevilg_periode(
    *,
    user: User,
    forloeb: Forloeb,
    start: date,
    slut: date,
    timer_pr_uge: Decimal,
    kvalifikationer: str = "",
    vurdering: str = "",
    besluttet: date | None = None,
) -> Bevilling:
    """Grant a period of at most 6 months and make its written agreement (version 1)."""
    require_caseworker(user, forloeb)
    locked = lock(forloeb)
    require_open(locked)
    kvalifikationer = kvalifikationer or ""
    vurdering = vurdering or ""
    foerste = vurder_periode(
        locked=locked,
        mentor=locked.mentor,
        start=start,
        slut=slut,
        timer_pr_uge=timer_pr_uge,
        kvalifikationer=kvalifikationer,
        vurdering=vurdering,
        besluttet=besluttet,
        perioder=list(locked.bevillinger.all()),
    )
    fejl = Fejl()

    try:
        with transaction.atomic():
            bevilling = Bevilling.objects.create(
                forloeb=locked,
                start=start,
                slut=slut,
                timer_pr_uge=timer_pr_uge,
                kvalifikationer=kvalifikationer.strip(),
                vurdering=vurdering.strip(),
                besluttet=besluttet or timezone.localdate(),
                besluttet_af=user,
            )
    except IntegrityError:
        fejl("start", _("Perioden overlapper en eksisterende periode."))
        fejl.rejs()
    if foerste:
        # The mentor chosen for this grant is the mentor from its start (a decision
        # registered after the start must not lock her out of the first weeks).
        tilknytning = locked.tilknytninger.filter(til__isnull=True).first()
        if tilknytning and tilknytning.fra > start:
            tilknytning.fra = start
            tilknytning._change_reason = _("Mentor fra periodens start")
            tilknytning.save()
    aftaler.ny_version(
        bevilling=bevilling,
        forloeb=locked,
        dato=bevilling.besluttet,
        aarsag=Mentoraftale.Aarsag.BEVILLING,
    )
    if locked.status == Status.KLADDE:
        locked.status = Status.AKTIV
    bump(locked, _("Periode bevilget"))
    return bevilling


@transaction.atomic
def aendr_timer(
    *, user: User, bevilling: Bevilling, gaelder_fra: date, timer_pr_uge: Decimal, begrundelse: str
) -> Timeaendring:
    """A change of hours within a period is its own recorded decision, from its own day;
    it makes a new version of the period's agreement."""
    require_caseworker(user, bevilling.forloeb)
    locked = lock(bevilling.forloeb)
    require_open(locked)
    fejl = Fejl()
    tjek_dato(fejl, "gaelder_fra", gaelder_fra)
    tjek_tekster(fejl, begrundelse=begrundelse)
    if gaelder_fra is None or not bevilling.start <= gaelder_fra <= bevilling.slut:
        fejl(
            "gaelder_fra",
            _("Ændringen skal gælde fra en dato i perioden (%(periode)s).")
            % {"periode": bevilling},
        )
    if not gyldige_timer(timer_pr_uge):
        fejl("timer_pr_uge", TIMER_FEJL)
    if not (begrundelse or "").strip():
        fejl("begrundelse", _("Angiv en begrundelse for ændringen af timer."))
    fejl.rejs()
    if bevilling.timeaendringer.filter(gaelder_fra=gaelder_fra).exists():
        fejl("gaelder_fra", _("Der er allerede en timeændring fra denne dato."))
        fejl.rejs()
    aendring = Timeaendring.objects.create(
        bevilling=bevilling,
        gaelder_fra=gaelder_fra,
        timer_pr_uge=timer_pr_uge,
        begrundelse=begrundelse.strip(),
        besluttet_af=user,
    )
    aftaler.ny_version(
        bevilling=bevilling,
        forloeb=locked,
        dato=gaelder_fra,
        aarsag=Mentoraftale.Aarsag.TIMEAENDRING,
    )
    bump(locked, _("Timer ændret"))
    return aendring


def vurder_periode(
    *,
    locked: Forloeb,
    mentor,
    start: date,
    slut: date,
    timer_pr_uge: Decimal,
    kvalifikationer: str,
    vurdering: str,
    besluttet: date | None,
    perioder: list[Bevilling],
) -> bool:
    """`bevilg_periode`'s rules against the course's periods so far (`perioder`, by
    start; an import passes those it holds): raises the refusal, or says whether this is
    the course's first period."""
    fejl = Fejl()
    if locked.mentor_id is None:
        fejl("mentor", _("Forløbet har ingen mentor; tilknyt en mentor før bevilling."))
    kraev_juridisk_indhold(locked, fejl, mentor)
    if not kvalifikationer.strip():
        fejl("kvalifikationer", _("Beskriv, hvorfor mentoren er kvalificeret til opgaven."))
    tjek_tekster(fejl, kvalifikationer=kvalifikationer, vurdering=vurdering)
    if not gyldige_timer(timer_pr_uge):
        fejl("timer_pr_uge", TIMER_FEJL)
    for field, value in (("start", start), ("slut", slut), ("besluttet", besluttet)):
        tjek_dato(fejl, field, value)
    if start is None:
        fejl("start", _("Angiv periodens startdato."))
    if slut is None:
        fejl("slut", _("Angiv periodens slutdato."))
    fejl.rejs()
    if slut < start:
        fejl("slut", _("Slutdatoen ligger før startdatoen."))
    elif slut > seneste_slutdato(start):
        fejl(
            "slut",
            _(
                "En bevillingsperiode må højst vare 6 måneder (%(lov)s). Seneste slutdato "
                "for en periode, der starter %(start)s, er %(slut)s."
            )
            % {"lov": lov.PERIODE, "start": d(start), "slut": d(seneste_slutdato(start))},
        )
    overlap = next((p for p in perioder if p.start <= slut and p.slut >= start), None)
    if overlap:
        fejl(
            "start",
            _("Perioden overlapper en eksisterende periode (%(periode)s).") % {"periode": overlap},
        )
    foerste = not perioder
    if not foerste and not vurdering.strip():
        fejl(
            "vurdering",
            _("En ny periode kræver en skriftlig, konkret vurdering (%(lov)s).")
            % {"lov": lov.PERIODE},
        )
    if foerste:
        _tjek_lovgrundlag_foerste_periode(locked, start, fejl)
    fejl.rejs()
    return foerste
