"""REST API: the monthly settlements (/api/v1/afregninger/?maaned=ÅÅÅÅ-MM)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ApiMixin, validation_detail
from organisation import permissions

from . import maaneder
from .selectors.afregning import afregninger
from .serializers import afregning_data


def _id(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if not value.isdigit() or len(value) > 18:
        raise ValidationError({name: [_("Angiv et id (et helt tal).")]})
    return int(value)


class AfregningerView(ApiMixin, APIView):
    """A month's settlements per provider and team, for team leaders (their teams) and
    finance (the organisation): approved ones as locked, the others as drafts."""

    permission_classes = [permissions.LaeserOekonomi]
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("maaned", str, required=True, description="ÅÅÅÅ-MM, fx 2026-03."),
            OpenApiParameter("leverandoer", int, description="Én leverandør (id)."),
            OpenApiParameter("team", int, description="Ét af dine teams (id)."),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        try:
            maaned = maaneder.fra_kode(request.query_params.get("maaned", ""))
        except DjangoValidationError as exc:
            raise ValidationError(validation_detail(exc)) from None
        leverandoer = _id(request, "leverandoer")
        team = _id(request, "team")
        team_ids = permissions.oekonomi_team_ids(request.user)
        if team is not None:
            if team not in team_ids:
                raise NotFound
            team_ids = [team]
        found = afregninger(
            organisation_id=request.user.organisation_id,
            team_ids=team_ids,
            maaned=maaned,
            leverandoer_id=leverandoer,
        )
        self.noter_visning(beskrivelse=f"API afregninger {maaneder.kode(maaned)}")
        return Response(
            {"maaned": maaneder.kode(maaned), "afregninger": [afregning_data(u) for u in found]}
        )
