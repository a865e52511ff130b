"""Internal sample audits: draw N random active courses, review each on the STAR checklist."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forloeb.models import Forloeb
from organisation import permissions
from organisation.models import Rolle, Team, User

from .. import selectors
from ..models import Stikproeve, StikproeveSag, Vurdering
from ..regler import (
    STAR_PUNKTER,
)


@transaction.atomic
def opret_stikproeve(
    *, user: User, antal: int, team: Team | None = None, titel: str = ""
) -> Stikproeve:
    """Draw `antal` random active courses from the leader's teams (or one of them)."""
    permissions.require_role(user, Rolle.TEAMLEDER)
    if team is not None and not permissions.leder_team(user, team.pk):
        raise ValidationError({"team": _("Du kan kun trække stikprøver i teams, du leder.")})
    if antal is None or not 1 <= int(antal) <= 200:
        raise ValidationError({"antal": _("Antal forløb skal være mellem 1 og 200.")})
    kandidater = selectors.leders_forloeb(user).filter(
        pk__in=Forloeb.objects.aktive_paa(timezone.localdate()).values("pk")
    )
    if team is not None:
        kandidater = kandidater.filter(team=team)
    valgte = list(kandidater.order_by("?").values_list("pk", flat=True)[: int(antal)])
    if not valgte:
        raise ValidationError({"antal": _("Der er ingen aktive forløb at trække fra.")})
    titel = (titel or "").strip() or _("Stikprøve %(dato)s") % {
        "dato": timezone.localdate().strftime("%d.%m.%Y")
    }
    stikproeve = Stikproeve.objects.create(
        organisation_id=user.organisation_id,
        team=team,
        titel=titel[:200],
        antal=len(valgte),
        oprettet_af=user,
    )
    fund = selectors.star_fund(valgte)
    StikproeveSag.objects.bulk_create(
        [
            StikproeveSag(
                stikproeve=stikproeve,
                forloeb_id=pk,
                systemfund=fund[pk],
                # The reviewer starts from the system's finding and confirms or changes it.
                **{
                    punkt: Vurdering.OPFYLDT if ok else Vurdering.IKKE_OPFYLDT
                    for punkt, ok in fund[pk].items()
                },
            )
            for pk in valgte
        ]
    )
    return stikproeve


@transaction.atomic
def vurder_stikproevesag(
    *, user: User, sag: StikproeveSag, vurderinger: dict[str, str], kommentar: str = ""
) -> StikproeveSag:
    if not selectors.leders_stikproever(user).filter(pk=sag.stikproeve_id).exists():
        raise PermissionDenied
    if sag.stikproeve.afsluttet:
        raise ValidationError({"kommentar": _("Stikprøven er afsluttet og kan ikke ændres.")})
    fejl = {}
    for punkt in STAR_PUNKTER:
        value = vurderinger.get(punkt, "")
        if value not in Vurdering.values:
            fejl[punkt] = _("Vælg opfyldt eller ikke opfyldt.")
        else:
            setattr(sag, punkt, value)
    if fejl:
        raise ValidationError(fejl)
    sag.kommentar = (kommentar or "").strip()
    sag.vurderet_af = user
    sag.vurderet = timezone.now()
    sag.save()
    return sag


@transaction.atomic
def afslut_stikproeve(*, user: User, stikproeve: Stikproeve) -> Stikproeve:
    if not selectors.leders_stikproever(user).filter(pk=stikproeve.pk).exists():
        raise PermissionDenied
    mangler = stikproeve.sager.filter(vurderet__isnull=True).count()
    if mangler:
        raise ValidationError(
            {"afsluttet": _("%(n)s sager er endnu ikke vurderet.") % {"n": mangler}}
        )
    stikproeve.afsluttet = timezone.now()
    stikproeve.save(update_fields=["afsluttet"])
    return stikproeve
