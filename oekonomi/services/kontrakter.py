"""Providers, their contract prices and the internal cost rates: every write goes here.

A price is never edited. A new price is a new period from a date: the period in force
then ends the day before, so the history of prices stays whole and the periods never
overlap (also a database constraint). A new period may start in the past; weeks already
settled at the old price are then corrected in the next settlement, not changed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forloeb.models import Leverandoer, MentorType
from organisation import permissions
from organisation.models import Organisation, User

from ..models import MAX_TIMEPRIS, InternTimesats, Kontrakt

FOERSTE_AAR, SIDSTE_AAR = 2000, 2100
LEVERANDOER_FELTER = ("navn", "cvr", "adresse", "kontaktperson", "email", "aktiv")


def _d(value: dt.date) -> str:
    return f"{value:%d.%m.%Y}"


def _require_manager(user: User) -> None:
    if not permissions.may_manage_contracts(user):
        raise PermissionDenied


def _rens_cvr(cvr) -> str:
    return re.sub(r"[\s-]", "", str(cvr or ""))


def _tjek_leverandoer(user: User, leverandoer: Leverandoer) -> None:
    errors = {}
    leverandoer.navn = (leverandoer.navn or "").strip()
    leverandoer.cvr = _rens_cvr(leverandoer.cvr)
    if not leverandoer.navn:
        errors["navn"] = _("Angiv leverandørens navn.")
    if not re.fullmatch(r"[1-9]\d{7}", leverandoer.cvr):
        errors["cvr"] = _("Et CVR-nummer er 8 cifre.")
    elif (
        Leverandoer.objects.filter(organisation_id=user.organisation_id, cvr=leverandoer.cvr)
        .exclude(pk=leverandoer.pk)
        .exists()
    ):
        errors["cvr"] = _("Der findes allerede en leverandør med det CVR-nummer.")
    if errors:
        raise ValidationError(errors)
    try:
        leverandoer.full_clean(exclude=["organisation"], validate_constraints=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None


@transaction.atomic
def opret_leverandoer(*, user: User, **fields) -> Leverandoer:
    _require_manager(user)
    unknown = set(fields) - set(LEVERANDOER_FELTER)
    if unknown:
        raise ValueError(sorted(unknown))
    leverandoer = Leverandoer(organisation_id=user.organisation_id, **fields)
    _tjek_leverandoer(user, leverandoer)
    leverandoer._change_reason = _("Leverandør oprettet")
    leverandoer._history_user = user
    leverandoer.save()
    return leverandoer


@transaction.atomic
def opdater_leverandoer(*, user: User, leverandoer: Leverandoer, **fields) -> Leverandoer:
    _require_manager(user)
    if leverandoer.organisation_id != user.organisation_id:
        raise PermissionDenied
    unknown = set(fields) - set(LEVERANDOER_FELTER)
    if unknown:
        raise ValueError(sorted(unknown))
    locked = Leverandoer.objects.select_for_update().get(pk=leverandoer.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    _tjek_leverandoer(user, locked)
    locked._change_reason = _("Leverandør redigeret")
    locked._history_user = user
    locked.save()
    return locked


# --- Price periods ---------------------------------------------------------------------


def _tjek_periode(start, slut, timepris) -> Decimal:
    errors = {}
    if not isinstance(start, dt.date):
        errors["start"] = _("Angiv datoen, prisen gælder fra.")
    elif not FOERSTE_AAR <= start.year <= SIDSTE_AAR:
        errors["start"] = _("Datoen ligger uden for det mulige tidsrum (2000–2100).")
    if slut is not None and not isinstance(slut, dt.date):
        errors["slut"] = _("Angiv en gyldig slutdato.")
    elif slut is not None and isinstance(start, dt.date) and slut < start:
        errors["slut"] = _("Slutdatoen ligger før startdatoen.")
    try:
        pris = Decimal(str(timepris)).quantize(Decimal("0.01"))
        if not pris.is_finite() or not 0 < pris <= MAX_TIMEPRIS:
            raise InvalidOperation
    except (InvalidOperation, ValueError, TypeError):
        errors["timepris"] = _("Timeprisen skal være over 0 og højst 10.000 kr.")
        pris = None
    if errors:
        raise ValidationError(errors)
    return pris


def _ny_periode(perioder, *, start: dt.date, slut: dt.date | None, user: User, grund: str):
    """End the period in force on `start` the day before; refuse overlaps with later ones."""
    gaeldende = None
    for p in perioder:
        if p.gaelder(start):
            gaeldende = p
        elif p.start > start and (slut is None or p.start <= slut):
            raise ValidationError(
                {
                    "slut" if slut else "start": _(
                        "Der er allerede en periode fra %(d)s; den nye periode skal slutte før."
                    )
                    % {"d": _d(p.start)}
                }
            )
    if gaeldende is not None:
        if gaeldende.start >= start:
            raise ValidationError(
                {
                    "start": _(
                        "Den gældende periode startede %(d)s; en ny pris skal gælde fra en "
                        "senere dato."
                    )
                    % {"d": _d(gaeldende.start)}
                }
            )
        gaeldende.slut = start - dt.timedelta(days=1)
        gaeldende._change_reason = grund
        gaeldende._history_user = user
        gaeldende.save(update_fields=["slut"])


@transaction.atomic
def ny_kontraktperiode(
    *,
    user: User,
    leverandoer: Leverandoer,
    start: dt.date,
    timepris,
    slut: dt.date | None = None,
    reference: str = "",
) -> Kontrakt:
    """A contract price from `start` (to `slut`, or open). A price change is a new period:
    the one in force ends the day before."""
    _require_manager(user)
    if leverandoer.organisation_id != user.organisation_id:
        raise PermissionDenied
    Leverandoer.objects.select_for_update().get(pk=leverandoer.pk)
    pris = _tjek_periode(start, slut, timepris)
    reference = (reference or "").strip()
    if len(reference) > 100:
        raise ValidationError({"reference": _("Højst 100 tegn.")})
    perioder = list(Kontrakt.objects.select_for_update().filter(leverandoer=leverandoer))
    _ny_periode(
        perioder, start=start, slut=slut, user=user, grund=_("Ny pris fra %(d)s") % {"d": _d(start)}
    )
    kontrakt = Kontrakt(
        leverandoer=leverandoer,
        start=start,
        slut=slut,
        timepris=pris,
        reference=reference,
        oprettet_af=user,
    )
    kontrakt._change_reason = _("Kontraktperiode oprettet")
    kontrakt._history_user = user
    kontrakt.save()
    return kontrakt


@transaction.atomic
def afslut_kontrakt(*, user: User, leverandoer: Leverandoer, slut: dt.date) -> Kontrakt:
    """The contract ends: the last period, in force on `slut`, ends that day."""
    _require_manager(user)
    if leverandoer.organisation_id != user.organisation_id:
        raise PermissionDenied
    Leverandoer.objects.select_for_update().get(pk=leverandoer.pk)
    if not isinstance(slut, dt.date):
        raise ValidationError({"slut": _("Angiv slutdatoen.")})
    perioder = list(
        Kontrakt.objects.select_for_update().filter(leverandoer=leverandoer).order_by("start")
    )
    gaeldende = next((p for p in perioder if p.gaelder(slut)), None)
    if gaeldende is None:
        raise ValidationError({"slut": _("Ingen kontraktperiode gælder den dag.")})
    senere = [p for p in perioder if p.start > slut]
    if senere:
        raise ValidationError(
            {
                "slut": _("Der er en senere periode fra %(d)s; kontrakten kan ikke ophøre før.")
                % {"d": _d(senere[0].start)}
            }
        )
    if gaeldende.slut == slut:
        raise ValidationError({"slut": _("Perioden slutter allerede %(d)s.") % {"d": _d(slut)}})
    gaeldende.slut = slut
    gaeldende._change_reason = _("Kontrakten ophører %(d)s") % {"d": _d(slut)}
    gaeldende._history_user = user
    gaeldende.save(update_fields=["slut"])
    return gaeldende


@transaction.atomic
def ny_intern_timesats(
    *, user: User, mentortype: str, start: dt.date, timepris, slut: dt.date | None = None
) -> InternTimesats:
    """The internal cost of an hour of the organisation's own mentors of a type, from
    `start`; the rate in force ends the day before."""
    _require_manager(user)
    if mentortype not in MentorType.values:
        raise ValidationError({"mentortype": _("Vælg en mentortype.")})
    pris = _tjek_periode(start, slut, timepris)
    # Serialises concurrent rates of one organisation (the set may be empty to lock).
    Organisation.objects.select_for_update().get(pk=user.organisation_id)
    perioder = list(
        InternTimesats.objects.select_for_update().filter(
            organisation_id=user.organisation_id, mentortype=mentortype
        )
    )
    _ny_periode(
        perioder, start=start, slut=slut, user=user, grund=_("Ny sats fra %(d)s") % {"d": _d(start)}
    )
    sats = InternTimesats(
        organisation_id=user.organisation_id,
        mentortype=mentortype,
        start=start,
        slut=slut,
        timepris=pris,
        oprettet_af=user,
    )
    sats._change_reason = _("Intern timesats oprettet")
    sats._history_user = user
    sats.save()
    return sats
