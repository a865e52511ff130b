"""Assigning a course's mentor, and changing it (a decision with a reason).

One mentor at a time (an exclusion constraint backs it). A mentor's load is her open
courses (Mentor.objects.med_belastning); at or above her capacity, or when she is not
active, an assignment needs a reason for overriding. A change within a granted period
also needs the new mentor's qualifications, the § 169 assessment when a company or
education institution takes over, and makes a new agreement version to hand out.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import permissions
from organisation.models import User

from ..models import Forloeb, Mentor, Mentoraftale, Mentortilknytning, Status
from . import aftale as aftaler
from ._faelles import Fejl, bump, d, foerste_start, lock, require_open, tjek_dato, tjek_tekster
from .forloeb import SKAL_GAA_UD_OVER_NORMALT, kraev_juridisk_indhold


def mentor_belastning(mentor: Mentor) -> int:
    """The mentor's open courses (the same count as Mentor.objects.med_belastning)."""
    return Mentor.objects.med_belastning().get(pk=mentor.pk).belastning


@transaction.atomic
def tildel_mentor(
    *,
    user: User,
    forloeb: Forloeb,
    mentor: Mentor,
    fra: date | None = None,
    begrundelse: str = "",
    tilsidesaet_begrundelse: str = "",
    kvalifikationer: str = "",
    ud_over_normalt: str = "",
) -> Mentortilknytning:
    """Assign the course's mentor, or change it. The caseworker may do both; the
    coordinator may match a course on the waiting list.

    `fra` is the mentor's first day: by default today, or the first period's start when the
    course already has one that started before today (a decision registered late); never
    before the first period, never in the future.
    """
    if not (
        permissions.is_case_worker_for(user, forloeb) or permissions.may_match_mentor(user, forloeb)
    ):
        raise PermissionDenied
    locked = lock(forloeb)
    if locked.mentor_id and not permissions.is_case_worker_for(user, locked):
        raise PermissionDenied
    require_open(locked)
    today = timezone.localdate()
    current = locked.tilknytninger.filter(til__isnull=True).first()
    start = foerste_start(locked)
    # Serialise capacity checks for one mentor across concurrent assignments.
    laast = Mentor.objects.select_for_update().get(pk=mentor.pk)
    fra, problem, i_bevilling = vurder_tildeling(
        locked=locked,
        mentor=mentor,
        fra=fra,
        today=today,
        current=current,
        start=start,
        laast_mentor=laast,
        belastning=lambda: mentor_belastning(laast),
        begrundelse=begrundelse,
        tilsidesaet_begrundelse=tilsidesaet_begrundelse,
        kvalifikationer=kvalifikationer,
        ud_over_normalt=ud_over_normalt,
    )
    mentor = laast
    if current:
        current.til = fra - timedelta(days=1)
        current._change_reason = begrundelse
        current.save()
    tilknytning = Mentortilknytning.objects.create(
        forloeb=locked,
        mentor=mentor,
        fra=fra,
        begrundelse=begrundelse.strip(),
        tilsidesat_begrundelse=tilsidesaet_begrundelse.strip() if problem else "",
        kvalifikationer=kvalifikationer.strip(),
        oprettet_af=user,
    )
    locked.mentor = mentor
    bump(locked, begrundelse or _("Mentor tilknyttet"))
    if i_bevilling:
        aftaler.nye_versioner(forloeb=locked, fra=fra, aarsag=Mentoraftale.Aarsag.MENTORSKIFTE)
    forloeb.mentor, forloeb.version = mentor, locked.version
    forloeb.ud_over_normalt = locked.ud_over_normalt
    return tilknytning


def vurder_tildeling(
    *,
    locked: Forloeb,
    mentor: Mentor,
    fra: date | None,
    today: date,
    current: Mentortilknytning | None,
    start: date | None,
    laast_mentor: Mentor,
    belastning,
    begrundelse: str = "",
    tilsidesaet_begrundelse: str = "",
    kvalifikationer: str = "",
    ud_over_normalt: str = "",
) -> tuple[date, str | None, bool]:
    """`tildel_mentor`'s rules on facts read by the caller (an import reads them once for
    many courses): the mentor's first day, the capacity problem being overridden (if any),
    and whether the course is granted. `belastning()` is the mentor's open courses."""
    if fra is None:
        fra = today if current or start is None or start > today else start
    fejl = Fejl()
    tjek_dato(fejl, "fra", fra)
    tjek_tekster(
        fejl,
        begrundelse=begrundelse,
        tilsidesaet_begrundelse=tilsidesaet_begrundelse,
        kvalifikationer=kvalifikationer,
        ud_over_normalt=ud_over_normalt,
    )
    fejl.rejs()
    if mentor.organisation_id != locked.organisation_id:
        raise ValidationError({"mentor": _("Mentoren hører ikke til din organisation.")})
    if locked.mentor_id == mentor.pk:
        raise ValidationError(
            {"mentor": _("%(navn)s er allerede mentor på forløbet.") % {"navn": mentor}}
        )
    if fra > today:
        fejl("fra", _("Mentoren kan tidligst tilknyttes fra i dag; en fremtidig dato gemmes ikke."))
    if start is not None and fra < start:
        fejl(
            "fra",
            _("Mentoren kan tidligst tilknyttes fra første periodes start (%(dato)s).")
            % {"dato": d(start)},
        )
    if current:
        if not begrundelse.strip():
            fejl("begrundelse", _("Angiv en begrundelse for mentorskiftet."))
        if fra <= current.fra:
            fejl(
                "fra",
                _("Skiftet skal ligge efter den nuværende mentors start (%(dato)s).")
                % {"dato": d(current.fra)},
            )
    i_bevilling = locked.status == Status.AKTIV
    if i_bevilling:
        # A change inside a granted period: the new mentor's qualifications, and § 169.
        if not kvalifikationer.strip():
            fejl(
                "kvalifikationer",
                _("Beskriv, hvorfor %(navn)s er kvalificeret til opgaven.") % {"navn": mentor},
            )
        if ud_over_normalt.strip():
            locked.ud_over_normalt = ud_over_normalt.strip()
        if mentor.type in SKAL_GAA_UD_OVER_NORMALT:
            kraev_juridisk_indhold(locked, fejl, mentor)
    mentor = laast_mentor
    belastning = belastning()
    problem = None
    if not mentor.aktiv:
        problem = _("%(navn)s er ikke aktiv som mentor.") % {"navn": mentor}
    elif belastning >= mentor.kapacitet:
        problem = _(
            "%(navn)s har ingen ledig kapacitet (%(antal)s af %(kapacitet)s åbne forløb)."
        ) % {"navn": mentor, "antal": belastning, "kapacitet": mentor.kapacitet}
    if problem and not tilsidesaet_begrundelse.strip():
        fejl("mentor", problem + " " + _("Angiv en begrundelse, hvis du vil tilknytte alligevel."))
    fejl.rejs()
    return fra, problem, i_bevilling
