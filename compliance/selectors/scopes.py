"""Whose courses, flags and sample audits a user may see."""

from __future__ import annotations

import datetime as dt

from django.db.models.expressions import RawSQL

from forloeb.models import Forloeb
from organisation import permissions
from organisation.models import Rolle, User

from ..models import Advarsel, Regelindstillinger, Stikproeve
from ..regler import REGLER, STAR_PUNKTER, parametre
from .sql import positional


def leders_forloeb(user: User):
    """Courses of the teams the user leads (the dashboard's world)."""
    if not (permissions.has_role(user, Rolle.TEAMLEDER) and user.organisation_id):
        return Forloeb.objects.none()
    return Forloeb.objects.filter(
        organisation_id=user.organisation_id, team_id__in=permissions.ledede_team_ids(user)
    )


def leders_stikproever(user: User):
    if not permissions.has_role(user, Rolle.TEAMLEDER):
        return Stikproeve.objects.none()
    return Stikproeve.objects.filter(organisation_id=user.organisation_id).filter(
        team_id__in=permissions.ledede_team_ids(user)
    ) | Stikproeve.objects.filter(
        organisation_id=user.organisation_id, team__isnull=True, oprettet_af=user
    )


def mine_advarsler(user: User):
    """The user's open flags, oldest first, for "Mine advarsler"."""
    if not (user.is_authenticated and user.organisation_id):
        return Advarsel.objects.none()
    return (
        Advarsel.objects.aabne()
        .filter(ansvarlig=user, forloeb__organisation_id=user.organisation_id)
        .select_related("forloeb", "forloeb__mentor", "forloeb__borger")
        .order_by("siden", "foerst_set", "id")
    )


def forloeb_advarsler(forloeb: Forloeb):
    return (
        Advarsel.objects.aabne()
        .filter(forloeb=forloeb)
        .select_related("forloeb", "forloeb__mentor")
        .order_by("siden", "foerst_set", "id")
    )


def star_fund(forloeb_ids: list[int]) -> dict[int, dict[str, bool]]:
    """Per course and STAR point: True when no open flag of the point's rules exists."""
    aabne: dict[int, set[str]] = {pk: set() for pk in forloeb_ids}
    for pk, regel in (
        Advarsel.objects.aabne()
        .filter(forloeb_id__in=forloeb_ids)
        .values_list("forloeb_id", "regel")
    ):
        aabne[pk].add(regel)
    return {
        pk: {punkt: not (set(regler) & aabne[pk]) for punkt, (_t, regler) in STAR_PUNKTER.items()}
        for pk in forloeb_ids
    }


def regel_forloeb_ids(kode: str, today: dt.date) -> RawSQL:
    """The courses breaking one rule on `today`, computed from the data (not the flags)."""
    params = parametre(today, Regelindstillinger.hent())
    sql, values = positional(REGLER[kode].query(), params)
    return RawSQL(f"SELECT r.forloeb_id FROM ({sql}) r", values)  # noqa: S608, S611
