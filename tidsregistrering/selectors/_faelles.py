"""Week states and who may read which registrations."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from forloeb.models import Forloeb
from forloeb.timer import formater_timer
from organisation.models import User

from ..models import Ugeregistrering


class Tilstand:
    REGISTRERET = "registreret"
    INGEN_KONTAKT = "ingen_kontakt"
    MANGLER = "mangler"
    IKKE_AKTUEL = "ikke_aktuel"

    LABELS = {
        REGISTRERET: gettext_lazy("Registreret"),
        INGEN_KONTAKT: gettext_lazy("Ingen kontakt"),
        MANGLER: gettext_lazy("Mangler"),
        IKKE_AKTUEL: gettext_lazy("Ikke aktuel"),
    }
    TAGS = {REGISTRERET: "ok", INGEN_KONTAKT: "warn", MANGLER: "bad", IKKE_AKTUEL: ""}


def _tilstand(registrering: Ugeregistrering | None) -> str:
    if registrering is None:
        return Tilstand.MANGLER
    if registrering.ingen_kontakt_aarsag:
        return Tilstand.INGEN_KONTAKT
    return Tilstand.REGISTRERET


def synlige_forloeb(user: User) -> QuerySet[Forloeb]:
    return Forloeb.objects.synlige_for(user)


def synlige_registreringer(user: User) -> QuerySet[Ugeregistrering]:
    """Week registrations the user may read: those of courses whose content she may see,
    and — for a former mentor — the weeks she registered herself (her own records)."""
    if not getattr(user, "is_authenticated", False):
        return Ugeregistrering.objects.none()
    indhold = Forloeb.objects.med_indhold_for(user).values("pk")
    return Ugeregistrering.objects.filter(
        Q(forloeb_id__in=indhold) | Q(mentor__bruger=user, mentor__bruger__isnull=False)
    )


def minutter_som_timer(minutter: int) -> str:
    return formater_timer(Decimal(minutter) / 60)


def registrering_for(user: User, pk: int) -> Ugeregistrering:
    """A registration on a course the user may see (404 otherwise, by the caller)."""
    return synlige_registreringer(user).select_related("forloeb").get(pk=pk)
