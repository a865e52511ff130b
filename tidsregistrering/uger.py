"""ISO weeks, as Danes plan in them: the one place that turns dates into weeks and back."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def uge_mandag(aar: int, uge: int) -> date:
    """Monday of an ISO week; ValidationError for a week that does not exist."""
    try:
        return date.fromisocalendar(int(aar), int(uge), 1)
    except (TypeError, ValueError):
        raise ValidationError({"uge": _("Ugen findes ikke.")}) from None


def iso_uge(dato: date) -> tuple[int, int]:
    aar, uge, _weekday = dato.isocalendar()
    return aar, uge


def mandag(dato: date) -> date:
    return dato - timedelta(days=dato.isoweekday() - 1)


def denne_uge() -> tuple[int, int]:
    return iso_uge(timezone.localdate())


def forrige_uge() -> tuple[int, int]:
    return iso_uge(timezone.localdate() - timedelta(weeks=1))


def uge_tekst(aar: int, uge: int, *, med_aar: bool = True) -> str:
    """ "uge 38, 2026" (or "uge 38"): how a Dane names a week."""
    if med_aar:
        return _("uge %(uge)s, %(aar)s") % {"uge": uge, "aar": aar}
    return _("uge %(uge)s") % {"uge": uge}
