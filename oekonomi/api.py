"""REST API for finance and management: the monthly settlements
(/api/v1/afregninger/?maaned=ÅÅÅÅ-MM), the budget (/api/v1/budget/?aar=ÅÅÅÅ) and the
outcomes (/api/v1/resultater/?maaned=6). Query parameters go through the screens' own
forms, so the API and the screens accept and refuse the same."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ApiMixin, validation_detail
from core.db import laeser_fra_replika
from organisation import permissions
from organisation.models import Rolle, Team

from . import maaneder
from .forms import BudgetForm, ResultatForm
from .selectors import budget as budget_sel
from .selectors import resultater as resultat_sel
from .selectors.afregning import afregninger
from .serializers import afregning_data, budget_data, resultat_data


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
    @laeser_fra_replika
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


def _form_eller_400(form):
    if not form.is_valid():
        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    return form.cleaned_data


class BudgetView(ApiMixin, APIView):
    """The year's budget for the user's teams (or one of them): actual, pending, committed
    and forecast by month, team, provider and mentor type — the figures of the screen."""

    permission_classes = [permissions.LaeserOekonomi]
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("aar", int, description="Året (standard: i år)."),
            OpenApiParameter("team", int, description="Ét af dine teams (id)."),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @laeser_fra_replika
    def get(self, request):
        data = request.query_params.copy()
        data.setdefault("aar", str(timezone.localdate().year))
        teams = Team.objects.filter(pk__in=permissions.oekonomi_team_ids(request.user))
        valgt = _form_eller_400(BudgetForm(data, teams=teams))
        b = budget_sel.budget(
            organisation_id=request.user.organisation_id,
            team_ids=[valgt["team"].pk] if valgt["team"] else [t.pk for t in teams],
            aar=valgt["aar"],
            i_dag=timezone.localdate(),
        )
        self.noter_visning(beskrivelse=f"API budget {valgt['aar']}")
        return Response(budget_data(b))


class ResultaterView(ApiMixin, APIView):
    """Outcome shares 3, 6 or 12 months after the end for the teams the user leads, with
    cells of fewer than five courses suppressed (null), as on the screen."""

    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("maaned", int, enum=[3, 6, 12], description="Standard: 6."),
            OpenApiParameter("aar", int, description="Forløb afsluttet i året (tom: alle)."),
            OpenApiParameter("team", int, description="Ét af dine teams (id)."),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @laeser_fra_replika
    def get(self, request):
        permissions.require_role(request.user, Rolle.TEAMLEDER)
        ledede = permissions.ledede_team_ids(request.user)
        data = request.query_params.copy()
        data.setdefault("maaned", "6")
        teams = Team.objects.filter(pk__in=ledede)
        valgt = _form_eller_400(ResultatForm(data, teams=teams))
        r = resultat_sel.resultater(
            organisation_id=request.user.organisation_id,
            team_ids=[valgt["team"].pk] if valgt["team"] else ledede,
            maaned=valgt["maaned"],
            i_dag=timezone.localdate(),
            aar=valgt["aar"],
        )
        self.noter_visning(beskrivelse=f"API resultater {valgt['maaned']} mdr.")
        return Response(resultat_data(r))
