"""A course's grant periods, changes of hours and agreement versions with their hand-out."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import call_service

from .. import services
from ..serializers import (
    BevillingSerializer,
    MentoraftaleFuldSerializer,
    TimeaendringSerializer,
    UdleveringSerializer,
)
from ._faelles import _id, _id_param


class BevillingerMixin:
    @extend_schema(methods=["GET"], responses=BevillingSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=BevillingSerializer, responses={201: BevillingSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def bevillinger(self, request, pk=None):
        """List grant periods, or grant a new one (≤ 6 months; `vurdering` after the first)."""
        return self._liste_eller_opret(
            request,
            BevillingSerializer,
            "bevillinger",
            lambda forloeb, data: services.bevilg_periode(
                user=request.user, forloeb=forloeb, **data
            ),
        )

    @extend_schema(
        methods=["GET"],
        parameters=[_id_param("bevilling_id", "Bevillingsperiodens id.")],
        responses=TimeaendringSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        parameters=[_id_param("bevilling_id", "Bevillingsperiodens id.")],
        request=TimeaendringSerializer,
        responses={201: TimeaendringSerializer},
        description="Ændr timer pr. uge fra en dato i perioden; en selvstændig afgørelse.",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path=r"bevillinger/(?P<bevilling_id>[0-9]+)/timeaendringer",
        pagination_class=None,
        filterset_class=None,
    )
    def timeaendringer(self, request, pk=None, bevilling_id=None):
        forloeb = self.get_object()
        bevilling = get_object_or_404(forloeb.bevillinger.all(), pk=_id(bevilling_id))
        if request.method == "GET":
            self._indhold(forloeb)
            rows = bevilling.timeaendringer.all()
            return Response(TimeaendringSerializer(rows, many=True).data)
        self._skriv(forloeb)
        bevilling.forloeb = forloeb
        return self._opret(
            request,
            TimeaendringSerializer,
            lambda data: services.aendr_timer(user=request.user, bevilling=bevilling, **data),
        )

    @extend_schema(responses=MentoraftaleFuldSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def aftaler(self, request, pk=None):
        """The written agreement of each grant period: its six elements and hand-over."""
        forloeb = self.get_object()
        self._indhold(forloeb)
        return Response(MentoraftaleFuldSerializer(self._aftaler(forloeb), many=True).data)

    @extend_schema(
        parameters=[_id_param("aftale_id", "Mentoraftalens id.")],
        request=UdleveringSerializer,
        responses={200: MentoraftaleFuldSerializer},
        description="Registrér, hvornår og hvordan aftalen blev udleveret til borgeren.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"aftaler/(?P<aftale_id>[0-9]+)/udlevering",
        pagination_class=None,
        filterset_class=None,
    )
    def udlevering(self, request, pk=None, aftale_id=None):
        forloeb = self.get_object()
        aftale = get_object_or_404(
            self._aftaler(forloeb).select_related("bevilling"), pk=_id(aftale_id)
        )
        self._skriv(forloeb)
        aftale.bevilling.forloeb = forloeb
        serializer = UdleveringSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        aftale = call_service(
            lambda: services.udlever_aftale(
                user=request.user,
                aftale=aftale,
                dato=serializer.validated_data["udleveret"],
                maade=serializer.validated_data["udleveringsmaade"],
            ),
            dato="udleveret",
            maade="udleveringsmaade",
        )
        return Response(MentoraftaleFuldSerializer(aftale).data)
