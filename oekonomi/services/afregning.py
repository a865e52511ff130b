"""The team leader approves a provider's monthly settlement; it is then locked.

Approval stores the lines exactly as the approver saw them (a fingerprint of the figures
is the optimistic lock), and nothing changes them afterwards: a later change to one of
its weeks is a correction in the next settlement (oekonomi.selectors.afregning).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forloeb.models import Leverandoer
from organisation import permissions
from organisation.models import Team, User

from .. import maaneder
from ..models import Afregning, Afregningslinje
from ..selectors.afregning import afregning as beregn


def _d(value: dt.date) -> str:
    return f"{value:%d.%m.%Y}"


@transaction.atomic
def godkend_afregning(
    *,
    user: User,
    leverandoer: Leverandoer,
    team: Team,
    maaned: dt.date,
    fingeraftryk: str,
) -> Afregning:
    """Approve and lock the settlement of `maaned` for the provider and team."""
    if (
        not permissions.may_approve_settlement(
            user, organisation_id=leverandoer.organisation_id, team_id=team.pk
        )
        or team.organisation_id != leverandoer.organisation_id
    ):
        raise PermissionDenied
    maaned = maaneder.foerste(maaned)
    # One approval at a time per provider: each reads what the others stored.
    Leverandoer.objects.select_for_update().get(pk=leverandoer.pk)
    if Afregning.objects.filter(leverandoer=leverandoer, team=team, maaned=maaned).exists():
        raise ValidationError({NON_FIELD_ERRORS: _("Afregningen er allerede godkendt.")})
    fra = maaneder.kan_godkendes_fra(maaned)
    if timezone.localdate() < fra:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Månedens sidste uge er ikke slut; afregningen kan godkendes fra %(d)s."
                )
                % {"d": _d(fra)}
            }
        )
    udkast = beregn(
        organisation_id=leverandoer.organisation_id,
        leverandoer_id=leverandoer.pk,
        team_id=team.pk,
        maaned=maaned,
    )
    if udkast is None or udkast.tom:
        raise ValidationError({NON_FIELD_ERRORS: _("Der er intet at afregne for måneden.")})
    if udkast.fingeraftryk != (fingeraftryk or ""):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _(
                        "Afregningen er ændret, siden du åbnede den (fx en uge godkendt eller "
                        "genåbnet). Se tallene igen, og godkend på ny."
                    ),
                    code="konflikt",
                )
            }
        )
    if udkast.mangler_pris:
        uger = sorted({f"{linje.uge}/{linje.aar}" for linje in udkast.mangler_pris})
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Ingen kontraktpris dækker uge %(uger)s. Opret leverandørens kontraktperiode "
                    "først."
                )
                % {"uger": ", ".join(uger)}
            }
        )
    afregning = Afregning.objects.create(
        organisation_id=leverandoer.organisation_id,
        leverandoer=leverandoer,
        team=team,
        maaned=maaned,
        timer=udkast.timer,
        beloeb=udkast.beloeb,
        korrektioner=udkast.korrektioner_beloeb,
        godkendt=timezone.now(),
        godkendt_af=user,
    )
    Afregningslinje.objects.bulk_create(
        [
            Afregningslinje(
                afregning=afregning,
                art=linje.art,
                aarsag=linje.aarsag,
                forloeb_id=linje.forloeb_id,
                mentor_id=linje.mentor_id,
                aar=linje.aar,
                uge=linje.uge,
                uge_start=linje.uge_start,
                registrering_id=linje.registrering_id,
                minutter=linje.minutter,
                tidligere_minutter=linje.tidligere_minutter,
                bevilget_timer=linje.bevilget_timer,
                timepris=linje.timepris,
                kontrakt_id=linje.kontrakt_id,
                beloeb=linje.beloeb,
                tidligere_beloeb=linje.tidligere_beloeb,
                uge_godkendt=linje.uge_godkendt,
            )
            for linje in udkast.linjer + udkast.korrektioner
        ]
    )
    return afregning
