"""What every forløb service shares: authority checks, row locks, versions, messages."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from drift import outbox
from organisation import permissions
from organisation.models import User

from ..models import MAX_TEKST, Forloeb, Status

# Input sanity, not law: keeps date arithmetic (e.g. + 6 months) inside Python's range.
FOERSTE_AAR, SIDSTE_AAR = 1900, 2100


class Fejl:
    """Collects field errors so a caller sees every problem of one submit at once."""

    def __init__(self) -> None:
        self.felter: dict[str, list[str]] = {}

    def __call__(self, field: str, message: str) -> None:
        messages = self.felter.setdefault(field, [])
        if message not in messages:
            messages.append(message)

    def __bool__(self) -> bool:
        return bool(self.felter)

    def rejs(self) -> None:
        if self.felter:
            raise ValidationError(self.felter)


def d(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def tjek_dato(fejl: Fejl, field: str, value: date | None) -> None:
    if value is not None and not FOERSTE_AAR <= value.year <= SIDSTE_AAR:
        fejl(field, _("Datoen ligger uden for det mulige tidsrum (1900–2100)."))


def tjek_tekster(fejl: Fejl, **tekster: str | None) -> None:
    """One limit for free text, whichever door it comes through."""
    for field, value in tekster.items():
        if value is not None and len(value) > MAX_TEKST:
            fejl(
                field,
                _("Teksten må højst være %(max)s tegn (den er %(n)s).")
                % {
                    "max": f"{MAX_TEKST:,}".replace(",", "."),
                    "n": f"{len(value):,}".replace(",", "."),
                },
            )


def tjek_valg(fejl: Fejl, field: str, value, values, message: str) -> None:
    """A code from a code list (PRODUCT.md §10): the service refuses anything else."""
    if value not in values:
        fejl(field, message)


def require_caseworker(user: User, forloeb: Forloeb) -> None:
    if not permissions.is_case_worker_for(user, forloeb):
        raise PermissionDenied


def require_caseworker_or_mentor(user: User, forloeb: Forloeb) -> None:
    if not (
        permissions.is_case_worker_for(user, forloeb)
        or permissions.is_current_mentor_of(user, forloeb)
    ):
        raise PermissionDenied


def require_open(forloeb: Forloeb) -> None:
    if forloeb.status == Status.AFSLUTTET:
        raise ValidationError(_("Forløbet er afsluttet og kan ikke ændres."), code="afsluttet")


def require_granted(forloeb: Forloeb) -> None:
    """Meetings, follow-ups and hand-outs belong to a granted course, not a draft."""
    require_open(forloeb)
    if forloeb.status == Status.KLADDE:
        raise ValidationError(
            _("Forløbet er en kladde; bevilg første periode først."), code="kladde"
        )


def lock(forloeb: Forloeb, version: int | None = None) -> Forloeb:
    """Lock the course row; with `version`, refuse if someone else saved in between."""
    locked = Forloeb.objects.select_for_update().get(pk=forloeb.pk)
    if version is not None and locked.version != version:
        raise ValidationError(
            _(
                "Forløbet er ændret af en anden, siden du åbnede det. Genindlæs siden, og "
                "foretag ændringen igen."
            ),
            code="konflikt",
        )
    return locked


def genvurder(forloeb_id: int) -> None:
    """Re-evaluate the course's compliance rules once this write commits (through the
    transactional outbox, so the work survives a broker outage)."""
    outbox.enqueue("compliance.evaluer_forloeb", forloeb_id=forloeb_id)


def bump(forloeb: Forloeb, reason: str = "") -> None:
    """A new version of the course row after a change; its rules are re-evaluated."""
    forloeb.version += 1
    forloeb._change_reason = reason
    forloeb.save()
    genvurder(forloeb.pk)


def foerste_start(forloeb: Forloeb) -> date | None:
    foerste = forloeb.bevillinger.order_by("start").first()
    return foerste.start if foerste else None
