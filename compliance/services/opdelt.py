"""The nightly scan spread over the workers: one part per organisation, each run once
through the outbox (so a part is neither lost while Redis is away nor done twice after a
lost worker), all with the same clock. Together the parts give exactly the flags of one
full scan: every course belongs to one organisation, and a course's rules read only its
own rows and its mentor's load."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from drift import outbox
from organisation.models import Organisation

from ..models import Scandel, Scankoersel
from .scan import scan

log = logging.getLogger(__name__)

DEL_OPGAVE = "compliance.scan_del"


@transaction.atomic
def start_natlig_scan(now: dt.datetime | None = None) -> Scankoersel:
    """Create the run and one part per organisation; the parts start after commit."""
    now = now or timezone.now()
    organisationer = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    koersel = Scankoersel.objects.create(tidspunkt=now, dele=len(organisationer))
    Scandel.objects.bulk_create(
        Scandel(koersel=koersel, organisation_id=org) for org in organisationer
    )
    for org in organisationer:
        outbox.enqueue(DEL_OPGAVE, koersel_id=koersel.pk, organisation_id=org)
    if not organisationer:
        Scankoersel.objects.filter(pk=koersel.pk).update(afsluttet=now)
    return koersel


def scan_del(*, koersel_id: int, organisation_id: int) -> dict:
    """One organisation's part; the part that finishes last closes the run."""
    with transaction.atomic():
        del_ = (
            Scandel.objects.select_for_update()
            .select_related("koersel")
            .get(koersel_id=koersel_id, organisation_id=organisation_id)
        )
        if del_.faerdig is not None:
            return {"allerede_faerdig": True}
        resultat = scan(del_.koersel.tidspunkt, organisation_id=organisation_id)
        faerdig = timezone.now()
        Scandel.objects.filter(pk=del_.pk).update(
            faerdig=faerdig, oprettet=resultat.oprettet, lukket=resultat.lukket
        )
        Scankoersel.objects.filter(pk=koersel_id).update(
            faerdige=F("faerdige") + 1,
            oprettet=F("oprettet") + resultat.oprettet,
            lukket=F("lukket") + resultat.lukket,
        )
        koersel = Scankoersel.objects.get(pk=koersel_id)
        if koersel.faerdige == koersel.dele:
            Scankoersel.objects.filter(pk=koersel_id).update(afsluttet=faerdig)
            log.info(
                "compliance nightly scan done: %s part(s), %s new, %s closed",
                koersel.dele,
                koersel.oprettet,
                koersel.lukket,
            )
        return {"oprettet": resultat.oprettet, "lukket": resultat.lukket}
