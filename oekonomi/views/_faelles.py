"""What the economy screens share: who may come in, which teams they see, the months."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from forloeb.models import Leverandoer
from organisation import permissions
from organisation.models import Team

from .. import maaneder


def kraev_laeser(request) -> None:
    if not permissions.may_read_oekonomi(request.user):
        raise PermissionDenied


def team_ids(request) -> list[int]:
    return permissions.oekonomi_team_ids(request.user)


def teams(request):
    return Team.objects.filter(pk__in=team_ids(request)).order_by("navn")


def forrige_maaned() -> dt.date:
    return maaneder.foerste(maaneder.foerste(timezone.localdate()) - dt.timedelta(days=1))


def maaned_fra_sti(aar: int, maaned: int) -> dt.date:
    if not (1 <= maaned <= 12 and 1900 <= aar <= 2100):
        raise Http404
    return dt.date(aar, maaned, 1)


def leverandoer_og_team(request, leverandoer_pk: int, team_pk: int):
    """The provider and team of a settlement, or 404 outside the user's scope."""
    if team_pk not in team_ids(request):
        raise Http404
    leverandoer = Leverandoer.objects.synlige_for(request.user).filter(pk=leverandoer_pk).first()
    if leverandoer is None:
        raise Http404
    return leverandoer, Team.objects.get(pk=team_pk)
