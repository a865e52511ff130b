"""Retention: pseudonymise citizens whose courses all ended long ago; prune the access log.

Pseudonymisation keeps what statistics need (dates, codes, hours, ratings, counts) and
removes what identifies the citizen or describes their life: name, contact details, CPR,
problem areas, wishes, and every free-text note on the courses, in the live tables and
in django-simple-history's tables (which keep old values). A non-empty note becomes
PSEUDONYM_TEKST rather than "" so "was it written?" still counts. The updates are
set-based, a batch of citizens per transaction.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, CharField, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat, TruncYear
from django.utils import timezone

from core.models import Adgangslog
from forloeb import cpr
from forloeb.models import (
    Afslutning,
    Arbejdspunkt,
    Bevilling,
    Borger,
    Forloeb,
    Mentoraftale,
    Mentortilknytning,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Status,
    Statusrapport,
    Timeaendring,
)

log = logging.getLogger(__name__)

PSEUDONYM_TEKST = "[pseudonymiseret]"
PSEUDONYM_NAVN = "Pseudonymiseret borger "
MINDSTE_LOGDAGE = 183  # the access log is kept at least six months
BATCH = 500


def pseudonymiserings_aar() -> int:
    return int(getattr(settings, "PSEUDONYMISERING_AAR", 5))


def adgangslog_dage() -> int:
    return max(int(getattr(settings, "ADGANGSLOG_DAGE", 400)), MINDSTE_LOGDAGE)


def klar_til_pseudonymisering(idag=None):
    """Citizens not yet pseudonymised whose every course ended more than N years ago."""
    idag = idag or timezone.localdate()
    graense = idag - relativedelta(years=pseudonymiserings_aar())
    gamle = Forloeb.objects.filter(status=Status.AFSLUTTET, afslutning__dato__lt=graense)
    har_forloeb = Forloeb.objects.filter(borger=OuterRef("pk"))
    har_nyere = Forloeb.objects.filter(borger=OuterRef("pk")).exclude(pk__in=gamle.values("pk"))
    return Borger.objects.filter(pseudonymiseret__isnull=True).filter(
        Exists(har_forloeb), ~Exists(har_nyere)
    )


def _maskeret(field: str, nullable: bool = False):
    """A non-empty text becomes PSEUDONYM_TEKST; an empty one stays empty."""
    empty = Q(**{field: ""})
    if nullable:
        empty |= Q(**{f"{field}__isnull": True})
    return Case(
        When(empty, then=models.F(field)),
        default=Value(PSEUDONYM_TEKST),
        output_field=models.TextField(),
    )


def _tekstfelter():
    """(model, free-text fields, path from the model to its course id)."""
    felter = [
        (Forloeb, ["maal", "opgaver", "ud_over_normalt"], "id"),
        (Mentortilknytning, ["begrundelse", "tilsidesat_begrundelse"], "forloeb_id"),
        (Bevilling, ["kvalifikationer", "vurdering"], "forloeb_id"),
        (Timeaendring, ["begrundelse"], "bevilling_id"),
        (Mentoraftale, ["maal", "opgaver"], "bevilling_id"),
        (Moede, ["referat", "beslutninger"], "forloeb_id"),
        (Arbejdspunkt, ["titel"], "forloeb_id"),
        (Progressionsvurdering, ["kommentar"], "arbejdspunkt_id"),
        (Statusrapport, ["tekst"], "forloeb_id"),
        (Opfoelgning, ["note"], "forloeb_id"),
        (Afslutning, ["exitplan"], "forloeb_id"),
    ]
    if apps.is_installed("tidsregistrering"):
        Ugeregistrering = apps.get_model("tidsregistrering", "Ugeregistrering")
        navne = {f.name for f in Ugeregistrering._meta.fields}
        noter = [f for f in ("ingen_kontakt_note", "genaabnet_begrundelse") if f in navne]
        felter.append((Ugeregistrering, noter, "forloeb_id"))
    return felter


def _historik(model):
    history = getattr(model, "history", None)
    return history.model if history is not None else None


def _ids(model, field: str, **filters) -> set[int]:
    """Ids from the live table and its history, so deleted rows are covered too."""
    ids = set(model.objects.filter(**filters).values_list(field, flat=True))
    hist = _historik(model)
    if hist is not None:
        ids |= set(hist.objects.filter(**filters).values_list(field, flat=True))
    return ids


def _pseudonymiser_noter(forloeb_ids: set[int]) -> None:
    bevilling_ids = _ids(Bevilling, "id", forloeb_id__in=forloeb_ids)
    arbejdspunkt_ids = _ids(Arbejdspunkt, "id", forloeb_id__in=forloeb_ids)
    parent_ids = {
        "id": forloeb_ids,
        "forloeb_id": forloeb_ids,
        "bevilling_id": bevilling_ids,
        "arbejdspunkt_id": arbejdspunkt_ids,
    }
    for model, fields, path in _tekstfelter():
        ids = parent_ids[path]
        model.objects.filter(**{f"{path}__in": ids}).update(**{f: _maskeret(f) for f in fields})
        hist = _historik(model)
        if hist is not None:
            hist.objects.filter(**{f"{path}__in": ids}).update(
                history_change_reason=_maskeret("history_change_reason", nullable=True),
                **{f: _maskeret(f) for f in fields},
            )


@transaction.atomic
def _pseudonymiser_batch(borger_ids: list[int], idag) -> int:
    # Re-check under lock: a citizen who got a new course meanwhile is skipped.
    locked = list(
        klar_til_pseudonymisering(idag)
        .filter(pk__in=borger_ids)
        .select_for_update(of=("self",))
        .values_list("pk", flat=True)
    )
    if not locked:
        return 0
    # A random token that can never be a CPR number, encrypted like one.
    nye = []
    for pk in locked:
        token = "PSEUDONYM-" + secrets.token_hex(16)
        nye.append(Borger(pk=pk, cpr_krypteret=cpr.encrypt(token), cpr_hash=cpr.lookup_hash(token)))
    Borger.objects.bulk_update(nye, ["cpr_krypteret", "cpr_hash"], batch_size=BATCH)

    personfelter = {
        "navn": Concat(Value(PSEUDONYM_NAVN), Cast("id", CharField())),
        "adresse": "",
        "telefon": "",
        "email": "",
        "problemomraader": [],
        "oensker_til_mentor": "",
        "oensket_koen": "",
        "oensket_alder": "",
        "foedselsdato": TruncYear("foedselsdato"),
    }
    Borger.objects.filter(pk__in=locked).update(pseudonymiseret=timezone.now(), **personfelter)
    _historik(Borger).objects.filter(id__in=locked).update(
        cpr_hash=Subquery(Borger.objects.filter(pk=OuterRef("id")).values("cpr_hash")[:1]),
        pseudonymiseret=Subquery(
            Borger.objects.filter(pk=OuterRef("id")).values("pseudonymiseret")[:1]
        ),
        history_change_reason=_maskeret("history_change_reason", nullable=True),
        **personfelter,
    )
    forloeb_ids = set(Forloeb.objects.filter(borger_id__in=locked).values_list("pk", flat=True))
    _pseudonymiser_noter(forloeb_ids)
    return len(locked)


def pseudonymiser_gamle_forloeb(*, idag=None) -> int:
    """Pseudonymise every citizen whose courses all ended more than N years ago.

    Returns the number of citizens pseudonymised. Idempotent: done citizens are skipped.
    """
    idag = idag or timezone.localdate()
    ids = list(klar_til_pseudonymisering(idag).order_by("pk").values_list("pk", flat=True))
    antal = 0
    for start in range(0, len(ids), BATCH):
        antal += _pseudonymiser_batch(ids[start : start + BATCH], idag)
    log.info("Pseudonymiserede %d borgere.", antal)
    return antal


def slet_gammel_adgangslog(*, nu=None) -> int:
    """Delete access-log rows older than ADGANGSLOG_DAGE (at least six months)."""
    nu = nu or timezone.now()
    antal, _ = Adgangslog.objects.filter(
        tidspunkt__lt=nu - timedelta(days=adgangslog_dage())
    ).delete()
    log.info("Slettede %d rækker i adgangsloggen.", antal)
    return antal
