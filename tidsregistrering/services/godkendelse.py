"""The caseworker approves ended weeks (they are then locked) and reopens one with a
reason, so the mentor can correct it; every step is in the week's history."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drift import outbox
from forloeb.models import Forloeb
from organisation import permissions
from organisation.models import User

from ..models import Ugeregistrering


def _genvurder(forloeb_id: int) -> None:
    """Re-evaluate the course's rules once this write commits (the outbox)."""
    outbox.enqueue("compliance.evaluer_forloeb", forloeb_id=forloeb_id)


def _require_caseworker(user: User, forloeb: Forloeb) -> None:
    if not permissions.is_case_worker_for(user, forloeb):
        raise PermissionDenied


def _godkend(user: User, registrering: Ugeregistrering, now) -> bool:
    if registrering.er_godkendt:
        return False
    if registrering.uge_start + timedelta(days=6) >= timezone.localdate():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Uge %(uge)s, %(aar)s er ikke slut endnu og kan ikke godkendes."
                )
                % {"uge": registrering.uge, "aar": registrering.aar}
            }
        )
    registrering.godkendt = now
    registrering.godkendt_af = user
    registrering.version += 1
    registrering._change_reason = _("Godkendt")
    registrering._history_user = user
    registrering.save()
    return True


@transaction.atomic
def godkend_uge(*, user: User, registrering: Ugeregistrering) -> Ugeregistrering:
    """The caseworker approves a week; it is locked until reopened."""
    _require_caseworker(user, registrering.forloeb)
    locked = Ugeregistrering.objects.select_for_update().get(pk=registrering.pk)
    if _godkend(user, locked, timezone.now()):
        _genvurder(locked.forloeb_id)
    return locked


@transaction.atomic
def godkend_uger(*, user: User, forloeb: Forloeb, registreringer) -> int:
    """Approve all given weeks of the course that have ended; returns how many were approved."""
    _require_caseworker(user, forloeb)
    ids = [r.pk if isinstance(r, Ugeregistrering) else int(r) for r in registreringer]
    today = timezone.localdate()
    now = timezone.now()
    antal = 0
    for registrering in (
        Ugeregistrering.objects.select_for_update()
        .filter(pk__in=ids, forloeb=forloeb, godkendt__isnull=True)
        .filter(uge_start__lt=today - timedelta(days=6))
        .order_by("pk")
    ):
        antal += _godkend(user, registrering, now)
    if antal:
        _genvurder(forloeb.pk)
    return antal


@transaction.atomic
def genaabn_uge(*, user: User, registrering: Ugeregistrering, begrundelse: str) -> Ugeregistrering:
    """Reopen an approved week so the mentor can correct it. The reason goes to the history."""
    _require_caseworker(user, registrering.forloeb)
    begrundelse = (begrundelse or "").strip()
    if not begrundelse:
        raise ValidationError({"begrundelse": _("Angiv en begrundelse for at genåbne ugen.")})
    if len(begrundelse) > 10_000:
        raise ValidationError({"begrundelse": _("Begrundelsen må højst være 10.000 tegn.")})
    locked = Ugeregistrering.objects.select_for_update().get(pk=registrering.pk)
    if not locked.er_godkendt:
        raise ValidationError({NON_FIELD_ERRORS: _("Ugen er ikke godkendt.")})
    locked.godkendt = None
    locked.godkendt_af = None
    locked.genaabnet = timezone.now()
    locked.genaabnet_af = user
    locked.genaabnet_begrundelse = begrundelse
    locked.version += 1
    locked._change_reason = _("Genåbnet: %(begrundelse)s") % {"begrundelse": begrundelse[:60]}
    locked._history_user = user
    locked.save()
    _genvurder(locked.forloeb_id)
    return locked
