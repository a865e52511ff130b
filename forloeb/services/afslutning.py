"""The end of a course, its completion afterwards, and outcomes 3, 6 and 12 months on."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import User

from ..models import Afslutning, Afslutningsaarsag, Forloeb, Resultat, Resultattype, Status
from ._faelles import (
    Fejl,
    bump,
    d,
    foerste_start,
    genvurder,
    lock,
    require_caseworker,
    require_open,
    tjek_dato,
    tjek_tekster,
    tjek_valg,
)

# A cancelled draft is ended by annuller_kladde, never chosen as the end of a course.
SLUTAARSAGER = [a for a in Afslutningsaarsag.values if a != Afslutningsaarsag.ANNULLERET]
RESULTAT_MAANEDER = [m for m, _label in Resultat.Maaned.choices]


def _tjek_vurdering(fejl: Fejl, field: str, value) -> None:
    try:
        ok = value is not None and 1 <= int(value) <= 5
    except (TypeError, ValueError):
        ok = False
    if not ok:
        fejl(field, _("Angiv en vurdering fra 1 til 5."))


@transaction.atomic
def afslut_forloeb(
    *,
    user: User,
    forloeb: Forloeb,
    dato: date,
    aarsag: str,
    borger_vurdering: int | None,
    mentor_vurdering: int | None,
    exitplan: str = "",
) -> Afslutning:
    """End the course: a reason and both voices' rating of how close the goal is. Its open
    flags close as "closed by the end", not as remedied (the scan tells them apart)."""
    require_caseworker(user, forloeb)
    locked = lock(forloeb)
    require_open(locked)
    if locked.status == Status.KLADDE:
        raise ValidationError(
            {"aarsag": _("En kladde afsluttes ikke; annullér den i stedet.")}, code="kladde"
        )
    fejl = Fejl()
    tjek_valg(fejl, "aarsag", aarsag, SLUTAARSAGER, _("Angiv en årsag til afslutningen."))
    _tjek_vurdering(fejl, "borger_vurdering", borger_vurdering)
    _tjek_vurdering(fejl, "mentor_vurdering", mentor_vurdering)
    tjek_dato(fejl, "dato", dato)
    tjek_tekster(fejl, exitplan=exitplan)
    start = foerste_start(locked)
    if dato is None:
        fejl("dato", _("Angiv slutdatoen."))
    elif dato > timezone.localdate():
        fejl("dato", _("Slutdatoen kan ikke ligge i fremtiden."))
    elif start and dato < start:
        fejl("dato", _("Slutdatoen ligger før første bevillingsperiode (%(d)s).") % {"d": d(start)})
    fejl.rejs()
    afslutning = Afslutning.objects.create(
        forloeb=locked,
        dato=dato,
        aarsag=aarsag,
        borger_vurdering=int(borger_vurdering),
        mentor_vurdering=int(mentor_vurdering),
        exitplan=exitplan or "",
        afsluttet_af=user,
    )
    current = locked.tilknytninger.filter(til__isnull=True).first()
    if current:
        current.til = max(dato, current.fra)
        current._change_reason = _("Forløb afsluttet")
        current.save()
    locked.status = Status.AFSLUTTET
    bump(locked, _("Forløb afsluttet"))
    return afslutning


@transaction.atomic
def fuldfoer_afslutning(
    *,
    user: User,
    forloeb: Forloeb,
    aarsag: str = "",
    borger_vurdering: int | None = None,
    mentor_vurdering: int | None = None,
    dato: date | None = None,
) -> Afslutning:
    """Complete an end that was recorded without its reason or ratings (an import, an older
    system). Only the missing fields can be filled; the change is in history. An ended
    course with no end recorded at all gets one here, with its date."""
    require_caseworker(user, forloeb)
    locked = lock(forloeb)
    if locked.status != Status.AFSLUTTET:
        raise ValidationError({"aarsag": _("Forløbet er ikke afsluttet.")})
    afslutning = Afslutning.objects.select_for_update().filter(forloeb=locked).first()
    fejl = Fejl()
    if afslutning is None:
        tjek_dato(fejl, "dato", dato)
        start = foerste_start(locked)
        if dato is None:
            fejl("dato", _("Angiv slutdatoen."))
        elif dato > timezone.localdate():
            fejl("dato", _("Slutdatoen kan ikke ligge i fremtiden."))
        elif start and dato < start:
            fejl(
                "dato",
                _("Slutdatoen ligger før første bevillingsperiode (%(d)s).") % {"d": d(start)},
            )
        fejl.rejs()
        afslutning = Afslutning(forloeb=locked, dato=dato, afsluttet_af=user)
    aendret = []
    for field, value in (
        ("aarsag", aarsag),
        ("borger_vurdering", borger_vurdering),
        ("mentor_vurdering", mentor_vurdering),
    ):
        if getattr(afslutning, field) not in ("", None):
            continue  # already recorded: not changed here
        if field == "aarsag":
            tjek_valg(fejl, field, value, SLUTAARSAGER, _("Angiv en årsag til afslutningen."))
        else:
            _tjek_vurdering(fejl, field, value)
        aendret.append((field, value))
    fejl.rejs()
    if not aendret:
        raise ValidationError({"aarsag": _("Afslutningen er allerede fuldstændig.")})
    for field, value in aendret:
        setattr(afslutning, field, value if field == "aarsag" else int(value))
    afslutning._change_reason = _("Afslutning fuldført")
    afslutning.save()
    genvurder(locked.pk)
    return afslutning


@transaction.atomic
def registrer_resultat(*, user: User, forloeb: Forloeb, maaned: int, resultat: str) -> Resultat:
    """The outcome 3, 6 or 12 months after the end. Registering a month again replaces
    the outcome; the earlier one stays in history."""
    require_caseworker(user, forloeb)
    fejl = Fejl()
    try:
        maaned = int(maaned)
    except (TypeError, ValueError):
        maaned = None
    tjek_valg(fejl, "maaned", maaned, RESULTAT_MAANEDER, _("Vælg 3, 6 eller 12 måneder."))
    tjek_valg(fejl, "resultat", resultat, Resultattype.values, _("Vælg et resultat."))
    fejl.rejs()
    afslutning = getattr(forloeb, "afslutning", None)
    if forloeb.status != Status.AFSLUTTET or afslutning is None:
        raise ValidationError({"maaned": _("Resultater registreres efter afslutning.")})
    if afslutning.aarsag == Afslutningsaarsag.ANNULLERET:
        raise ValidationError({"maaned": _("En annulleret kladde har intet resultat.")})
    due = afslutning.dato + relativedelta(months=maaned)
    if due > timezone.localdate():
        raise ValidationError(
            {
                "maaned": _("Resultatet efter %(m)s måneder kan først registreres %(dato)s.")
                % {"m": maaned, "dato": d(due)}
            }
        )
    obj, _created = Resultat.objects.update_or_create(
        forloeb=forloeb, maaned=maaned, defaults={"resultat": resultat, "registreret_af": user}
    )
    genvurder(forloeb.pk)  # RESULTAT_MANGLER closes at once
    return obj
