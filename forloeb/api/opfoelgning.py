"""While a course runs: meetings, follow-ups, work points with ratings, status reports."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import call_service
from organisation import permissions

from .. import services
from ..serializers import (
    ArbejdspunktSerializer,
    ArbejdspunktStatusSerializer,
    MoedeSerializer,
    OpfoelgningSerializer,
    ProgressionsvurderingSerializer,
    StatusrapportSerializer,
)
from ._faelles import _id_param


class OpfoelgningMixin:
    @extend_schema(methods=["GET"], responses=MoedeSerializer(many=True))
    @extend_schema(methods=["POST"], request=MoedeSerializer, responses={201: MoedeSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def moeder(self, request, pk=None):
        return self._liste_eller_opret(
            request,
            MoedeSerializer,
            "moeder",
            lambda forloeb, data: services.registrer_moede(
                user=request.user, forloeb=forloeb, **data
            ),
        )

    @extend_schema(methods=["GET"], responses=OpfoelgningSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=OpfoelgningSerializer, responses={201: OpfoelgningSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def opfoelgninger(self, request, pk=None):
        return self._liste_eller_opret(
            request,
            OpfoelgningSerializer,
            "opfoelgninger",
            lambda forloeb, data: services.registrer_opfoelgning(
                user=request.user, forloeb=forloeb, **data
            ),
        )

    @extend_schema(methods=["GET"], responses=ArbejdspunktSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=ArbejdspunktSerializer, responses={201: ArbejdspunktSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def arbejdspunkter(self, request, pk=None):
        """Work points with every progress rating (`vurderet_af` mentor or borger)."""
        forloeb = self.get_object()
        if request.method == "GET":
            self._indhold(forloeb)
            rows = forloeb.arbejdspunkter.prefetch_related("vurderinger")
            return Response(ArbejdspunktSerializer(rows, many=True).data)
        self._skriv_eller_mentor(forloeb)
        return self._opret(
            request,
            ArbejdspunktSerializer,
            lambda data: services.opret_arbejdspunkt(user=request.user, forloeb=forloeb, **data),
        )

    @extend_schema(
        parameters=[_id_param("ap_id", "Arbejdspunktets id.")],
        request=ArbejdspunktStatusSerializer,
        responses={200: ArbejdspunktSerializer},
        description="Markér arbejdspunktet opnået, opgivet eller i gang igen.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"arbejdspunkter/(?P<ap_id>[0-9]+)/status",
        pagination_class=None,
        filterset_class=None,
    )
    def arbejdspunkt_status(self, request, pk=None, ap_id=None):
        forloeb = self.get_object()
        arbejdspunkt = self._arbejdspunkt(forloeb, ap_id)
        serializer = ArbejdspunktStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        arbejdspunkt = call_service(
            lambda: services.aendr_arbejdspunkt_status(
                user=request.user, arbejdspunkt=arbejdspunkt, **serializer.validated_data
            )
        )
        arbejdspunkt = forloeb.arbejdspunkter.prefetch_related("vurderinger").get(
            pk=arbejdspunkt.pk
        )
        return Response(ArbejdspunktSerializer(arbejdspunkt).data)

    @extend_schema(
        parameters=[_id_param("ap_id", "Arbejdspunktets id.")],
        request=ProgressionsvurderingSerializer,
        responses={201: ProgressionsvurderingSerializer},
        description=(
            "Mentorens eller borgerens vurdering (1–5) af arbejdspunktet; mentoren eller "
            "sagsbehandleren registrerer borgerens."
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"arbejdspunkter/(?P<ap_id>[0-9]+)/vurderinger",
        pagination_class=None,
        filterset_class=None,
    )
    def arbejdspunkt_vurderinger(self, request, pk=None, ap_id=None):
        forloeb = self.get_object()
        arbejdspunkt = self._arbejdspunkt(forloeb, ap_id)
        return self._opret(
            request,
            ProgressionsvurderingSerializer,
            lambda data: services.vurder_progression(
                user=request.user, arbejdspunkt=arbejdspunkt, **data
            ),
        )

    @extend_schema(methods=["GET"], responses=StatusrapportSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=StatusrapportSerializer,
        responses={201: StatusrapportSerializer},
        description="Statusrapport fra forløbets nuværende mentor (kun mentoren).",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def statusrapporter(self, request, pk=None):
        forloeb = self.get_object()
        if request.method == "GET":
            self._indhold(forloeb)
            return Response(StatusrapportSerializer(forloeb.statusrapporter.all(), many=True).data)
        if not permissions.is_current_mentor_of(request.user, forloeb):
            raise PermissionDenied
        return self._opret(
            request,
            StatusrapportSerializer,
            lambda data: services.skriv_statusrapport(user=request.user, forloeb=forloeb, **data),
        )
