"""The upload screen's writes: store an upload for the worker, and run it there."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drift import outbox
from organisation import permissions
from organisation.models import Rolle, User

from .importering import importer
from .models import Indlaesning

MAX_STOERRELSE = 20 * 1024 * 1024
ENDELSER = (".csv", ".txt", ".xlsx", ".xlsm")


def _tjek_fil(fejl: dict, felt: str, fil) -> None:
    if fil is None:
        return
    if not fil.name.lower().endswith(ENDELSER):
        fejl[felt] = _("Filen skal være en CSV-fil (.csv) eller et Excel-regneark (.xlsx).")
    elif fil.size > MAX_STOERRELSE:
        fejl[felt] = _("Filen må højst fylde 20 MB.")


@transaction.atomic
def bestil_indlaesning(
    *, user: User, forloebsfil, ugefil=None, gem: bool = False, delvis: bool = False
) -> Indlaesning:
    """Store the upload and ask a worker to run it (after commit, through the outbox)."""
    if not permissions.has_role(user, Rolle.ADMINISTRATOR) or not user.organisation_id:
        raise PermissionDenied
    fejl: dict[str, str] = {}
    if forloebsfil is None:
        fejl["forloebsfil"] = _("Vælg forløbsfilen.")
    _tjek_fil(fejl, "forloebsfil", forloebsfil)
    _tjek_fil(fejl, "ugefil", ugefil)
    if fejl:
        raise ValidationError(fejl)
    koersel = Indlaesning.objects.create(
        organisation_id=user.organisation_id,
        bruger=user,
        filnavn=forloebsfil.name[:255],
        ugefilnavn=ugefil.name[:255] if ugefil else "",
        forloebsfil=forloebsfil.read(),
        ugefil=ugefil.read() if ugefil else b"",
        gem=gem,
        delvis=delvis,
        skrevet=False,
        status=Indlaesning.Status.VENTER,
    )
    outbox.enqueue("indlaesning.koer", indlaesning_id=koersel.pk)
    return koersel


@transaction.atomic
def koer(*, indlaesning_id: int, fremdrift=None) -> Indlaesning | None:
    """Run a stored upload once (a second delivery finds it done)."""
    koersel = Indlaesning.objects.select_for_update().filter(pk=indlaesning_id).first()
    if koersel is None or koersel.status != Indlaesning.Status.VENTER:
        return koersel
    importer(
        organisation=koersel.organisation,
        forloebsfil=(koersel.filnavn, bytes(koersel.forloebsfil)),
        ugefil=(koersel.ugefilnavn, bytes(koersel.ugefil)) if koersel.ugefilnavn else None,
        bruger=koersel.bruger,
        commit=koersel.gem,
        delvis=koersel.delvis,
        fremdrift=fremdrift,
        koersel=koersel,
    )
    return koersel
