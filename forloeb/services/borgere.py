"""Citizens: create, correct, and reveal the full CPR number (logged)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.adgang import Handling, log_adgang
from organisation import permissions
from organisation.models import Rolle, User

from .. import cpr
from ..models import Borger, Emne, OensketAlder, OensketKoen, Visitation, Ydelsesgruppe
from ._faelles import Fejl, tjek_tekster, tjek_valg

BORGER_FELTER = (
    "navn",
    "adresse",
    "telefon",
    "email",
    "ydelsesgruppe",
    "visitation",
    "ret_og_pligt",
    "problemomraader",
    "oensker_til_mentor",
    "oensket_koen",
    "oensket_alder",
)


def _valider(borger: Borger) -> None:
    fejl = Fejl()
    if not (borger.navn or "").strip():
        fejl("navn", _("Angiv borgerens navn."))
    tjek_valg(
        fejl, "ydelsesgruppe", borger.ydelsesgruppe, Ydelsesgruppe.values, _("Vælg ydelsesgruppe.")
    )
    tjek_valg(
        fejl, "visitation", borger.visitation, Visitation.values, _("Vælg visitationskategori.")
    )
    ukendte = [k for k in borger.problemomraader if k not in Emne.values]
    if ukendte:
        fejl("problemomraader", _("Ukendt problemområde: %(k)s.") % {"k": ", ".join(ukendte)})
    tjek_tekster(fejl, oensker_til_mentor=borger.oensker_til_mentor)
    tjek_valg(fejl, "oensket_koen", borger.oensket_koen, OensketKoen.values, _("Vælg et køn."))
    tjek_valg(fejl, "oensket_alder", borger.oensket_alder, OensketAlder.values, _("Vælg en alder."))
    fejl.rejs()
    borger.navn = borger.navn.strip()
    borger.problemomraader = sorted(set(borger.problemomraader))
    borger.full_clean(exclude=["cpr_krypteret", "cpr_hash", "organisation"])


def byg_borger(
    *,
    user: User,
    cpr_nummer: str,
    navn: str,
    ydelsesgruppe: str,
    findes: bool | None = None,
    **fields,
) -> Borger:
    """A new citizen, checked and unsaved. `findes` is the caller's answer to whether the
    CPR number is already a citizen here (an import looks them all up at once); without it
    the database is asked."""
    permissions.require_role(user, Rolle.SAGSBEHANDLER)
    unknown = set(fields) - set(BORGER_FELTER)
    if unknown:
        raise ValueError(sorted(unknown))
    try:
        digits = cpr.normalise(cpr_nummer)
    except ValidationError as exc:
        raise ValidationError({"cpr_nummer": exc.messages}) from None
    lookup = cpr.lookup_hash(digits)
    if findes is None:
        findes = Borger.objects.filter(
            organisation_id=user.organisation_id, cpr_hash=lookup
        ).exists()
    if findes:
        raise ValidationError(
            {"cpr_nummer": _("Der findes allerede en borger med dette CPR-nummer.")},
            code="findes",
        )
    borger = Borger(
        organisation_id=user.organisation_id,
        cpr_krypteret=cpr.encrypt(digits),
        cpr_hash=lookup,
        foedselsdato=cpr.birth_date(digits),
        navn=navn or "",
        ydelsesgruppe=ydelsesgruppe,
        **fields,
    )
    _valider(borger)
    borger._change_reason = _("Borger oprettet")
    return borger


@transaction.atomic
def opret_borger(*, user: User, cpr_nummer: str, navn: str, ydelsesgruppe: str, **fields) -> Borger:
    borger = byg_borger(
        user=user, cpr_nummer=cpr_nummer, navn=navn, ydelsesgruppe=ydelsesgruppe, **fields
    )
    borger.save()
    return borger


@transaction.atomic
def opdater_borger(*, user: User, borger: Borger, **fields) -> Borger:
    """Correct a citizen's details (not the CPR number); kept in history."""
    permissions.require_role(user, Rolle.SAGSBEHANDLER)
    if borger.organisation_id != user.organisation_id:
        raise PermissionDenied
    unknown = set(fields) - set(BORGER_FELTER)
    if unknown:
        raise ValueError(sorted(unknown))
    locked = Borger.objects.select_for_update().get(pk=borger.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    _valider(locked)
    locked._change_reason = _("Borgerens oplysninger rettet")
    locked.save()
    return locked


@transaction.atomic
def afsloer_cpr(*, user: User, borger: Borger, ip=None, login_metode: str = "") -> str:
    if not permissions.may_reveal_cpr(user) or user.organisation_id != borger.organisation_id:
        raise PermissionDenied
    log_adgang(
        user=user, handling=Handling.VIS_CPR, borger=borger, ip=ip, login_metode=login_metode
    )
    return borger.cpr_fuldt()
