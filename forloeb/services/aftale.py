"""The written agreement: versions that follow the decisions, and their hand-out.

The agreement holds the goal, the mentor's name and contact details, the mentor's tasks,
the duration, the hours and a complaints guide (bekendtgørelsen udstedt efter LAB § 171).
A grant makes version 1 of its period's agreement; a mentor change, a change of hours or
a new goal or new tasks makes a new version of every period it touches, dated from the
decision, to hand out again. A decision that changes nothing of it makes no version.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from organisation.models import User

from ..models import Bevilling, Forloeb, Mentoraftale, Udleveringsmaade
from ..timer import Timesegment, timer_gaeldende, timesegmenter
from ._faelles import Fejl, d, genvurder, require_caseworker, require_open, tjek_dato

KLAGEVEJLEDNING = _lazy(
    "Du kan klage over afgørelsen om mentorstøtte. Klagen sendes til jobcentret inden fire "
    "uger efter, at du har modtaget afgørelsen. Jobcentret genvurderer sagen, og hvis "
    "afgørelsen fastholdes, sendes klagen videre til Ankestyrelsen. Du kan klage skriftligt "
    "eller mundtligt, og du kan få hjælp af din sagsbehandler til at klage."
)
INDHOLD = ("maal", "mentor_navn", "mentor_kontakt", "opgaver", "start", "slut", "timer_pr_uge")


def _mentor_paa(forloeb: Forloeb, dato: date, tilknytninger=None):
    """The mentor whose assignment covers `dato`, else the course's assigned mentor.
    `tilknytninger`: the course's assignments when the caller holds them (an import)."""
    if tilknytninger is None:
        tilknytninger = forloeb.tilknytninger.select_related("mentor").order_by("-fra")
    else:
        tilknytninger = sorted(tilknytninger, key=lambda t: t.fra, reverse=True)
    for t in tilknytninger:
        if t.fra <= dato and (t.til is None or dato <= t.til):
            return t.mentor
    return forloeb.mentor


def _indhold(bevilling: Bevilling, forloeb: Forloeb, dato: date, tilknytninger=None) -> dict:
    dag = min(max(dato, bevilling.start), bevilling.slut)
    mentor = _mentor_paa(forloeb, dag, tilknytninger)
    # An unsaved period (an import's, written later) has no changes of hours yet.
    segmenter = (
        timesegmenter([bevilling])
        if bevilling.pk
        else [Timesegment(bevilling.start, bevilling.slut, Decimal(bevilling.timer_pr_uge))]
    )
    return {
        "maal": forloeb.maal,
        "mentor_navn": mentor.navn if mentor else "",
        "mentor_kontakt": (mentor.kontakt or mentor.arbejdsgiver) if mentor else "",
        "opgaver": forloeb.opgaver,
        "start": bevilling.start,
        "slut": bevilling.slut,
        "timer_pr_uge": timer_gaeldende(segmenter, dag),
    }


def ny_version(
    *, bevilling: Bevilling, forloeb: Forloeb, dato: date, aarsag: str
) -> Mentoraftale | None:
    """A new version from the course as it stands, if it differs from the newest one."""
    indhold = _indhold(bevilling, forloeb, dato)
    seneste = bevilling.aftaler.order_by("-version").first()
    if seneste is not None and all(getattr(seneste, k) == v for k, v in indhold.items()):
        return None
    return Mentoraftale.objects.create(
        bevilling=bevilling,
        version=(seneste.version + 1) if seneste else 1,
        dato=dato,
        aarsag=aarsag,
        klagevejledning=KLAGEVEJLEDNING,
        **indhold,
    )


def foerste_version(
    *, bevilling: Bevilling, forloeb: Forloeb, dato: date, aarsag: str, tilknytninger
) -> Mentoraftale:
    """Version 1 of a new period's agreement, unsaved (an import writes many at once)."""
    return Mentoraftale(
        bevilling=bevilling,
        version=1,
        dato=dato,
        aarsag=aarsag,
        klagevejledning=KLAGEVEJLEDNING,
        **_indhold(bevilling, forloeb, dato, tilknytninger),
    )


def nye_versioner(*, forloeb: Forloeb, fra: date, aarsag: str) -> list[Mentoraftale]:
    """New versions for every period that is running on `fra` or starts later."""
    versioner = []
    for bevilling in forloeb.bevillinger.filter(slut__gte=fra).order_by("start"):
        ny = ny_version(bevilling=bevilling, forloeb=forloeb, dato=fra, aarsag=aarsag)
        if ny is not None:
            versioner.append(ny)
    return versioner


@transaction.atomic
def udlever_aftale(*, user: User, aftale: Mentoraftale, dato: date, maade: str) -> Mentoraftale:
    """Record when and how a version was handed to the citizen."""
    forloeb = aftale.bevilling.forloeb
    require_caseworker(user, forloeb)
    require_open(forloeb)
    vurder_udlevering(aftale=aftale, dato=dato, maade=maade)
    locked = Mentoraftale.objects.select_for_update().get(pk=aftale.pk)
    if locked.udleveret is not None and (locked.udleveret, locked.udleveringsmaade) != (
        dato,
        maade,
    ):
        raise ValidationError(
            {
                "udleveret": _("Udleveringen er allerede registreret (%(dato)s).")
                % {"dato": d(locked.udleveret)}
            }
        )
    locked.udleveret, locked.udleveringsmaade = dato, maade
    locked._change_reason = _("Udlevering registreret")
    locked.save()
    aftale.udleveret, aftale.udleveringsmaade = dato, maade
    genvurder(forloeb.pk)
    return locked


def vurder_udlevering(*, aftale: Mentoraftale, dato: date, maade: str) -> None:
    """`udlever_aftale`'s rules for the date and the way of a hand-out."""
    fejl = Fejl()
    if not maade:
        fejl("udleveringsmaade", _("Angiv hvordan aftalen blev udleveret."))
    elif maade not in Udleveringsmaade.values:
        fejl("udleveringsmaade", _("Vælg en gyldig udleveringsmåde."))
    tjek_dato(fejl, "udleveret", dato)
    if dato is None:
        fejl("udleveret", _("Angiv udleveringsdatoen."))
    elif dato > timezone.localdate():
        fejl("udleveret", _("Udleveringsdatoen kan ikke ligge i fremtiden."))
    elif dato < aftale.dato:
        fejl(
            "udleveret",
            _("Version %(v)s blev udstedt %(dato)s og kan ikke være udleveret før.")
            % {"v": aftale.version, "dato": d(aftale.dato)},
        )
    fejl.rejs()
