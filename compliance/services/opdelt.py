"""The nightly scan spread over the workers: a few parts (settings.SCAN_DELE, about twice
the worker processes), each a set of organisations with about the same number of active
courses, each run once through the outbox (so a part is neither lost while Redis is away
nor done twice after a lost worker), all with the same clock. Together the parts give
exactly the flags of one full scan: every course belongs to one organisation, and a
course's rules read only its own rows and its mentor's load.

A few parts, not one per organisation: each part has a fixed cost (~150 ms of planning
and writing per rule set at national size), which 99 parts made larger than the scan."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from drift import outbox
from forloeb.models import Forloeb, Status
from organisation.models import Organisation

from ..models import Scandel, Scankoersel
from .scan import scan

log = logging.getLogger(__name__)

DEL_OPGAVE = "compliance.scan_del"


def fordel(vaegte: dict[int, int], dele: int) -> list[tuple[list[int], int]]:
    """Organisations into at most `dele` parts of about equal weight: greedy, the heaviest
    first into the lightest part. Returns (organisation ids in id order, weight) per part."""
    antal = max(1, min(dele, len(vaegte)))
    parter: list[tuple[list[int], int]] = [([], 0) for _ in range(antal)]
    for org, vaegt in sorted(vaegte.items(), key=lambda kv: (-kv[1], kv[0])):
        i = min(range(antal), key=lambda j: (parter[j][1], j))
        parter[i] = ([*parter[i][0], org], parter[i][1] + vaegt)
    return [(sorted(orgs), vaegt) for orgs, vaegt in parter if orgs]


@transaction.atomic
def start_natlig_scan(now: dt.datetime | None = None, *, dele: int | None = None) -> Scankoersel:
    """Create the run and its balanced parts; the parts start after commit."""
    now = now or timezone.now()
    vaegte = dict.fromkeys(Organisation.objects.values_list("pk", flat=True), 0)
    vaegte |= dict(
        Forloeb.objects.filter(status=Status.AKTIV)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    parter = fordel(vaegte, dele or settings.SCAN_DELE) if vaegte else []
    koersel = Scankoersel.objects.create(tidspunkt=now, dele=len(parter))
    Scandel.objects.bulk_create(
        Scandel(koersel=koersel, nummer=nr, organisationer=orgs, aktive=vaegt)
        for nr, (orgs, vaegt) in enumerate(parter, start=1)
    )
    for nr in range(1, len(parter) + 1):
        outbox.enqueue(DEL_OPGAVE, koersel_id=koersel.pk, nummer=nr)
    if not parter:
        Scankoersel.objects.filter(pk=koersel.pk).update(afsluttet=now)
    return koersel


def scan_del(*, koersel_id: int, nummer: int) -> dict:
    """One part; the part that finishes last closes the run."""
    with transaction.atomic():
        del_ = (
            Scandel.objects.select_for_update()
            .select_related("koersel")
            .get(koersel_id=koersel_id, nummer=nummer)
        )
        if del_.faerdig is not None:
            return {"allerede_faerdig": True}
        resultat = scan(del_.koersel.tidspunkt, organisation_ids=del_.organisationer)
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
