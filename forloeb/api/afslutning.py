"""Mentor changes, the end of a course (and its completion), cancelled drafts, outcomes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import call_service

from .. import services
from ..serializers import (
    AfslutningSerializer,
    AnnullerSerializer,
    ForloebSerializer,
    FuldfoerAfslutningSerializer,
    MentorskiftSerializer,
    MentortilknytningSerializer,
    ResultatSerializer,
)


class AfslutningMixin:
    @extend_schema(methods=["GET"], responses=MentortilknytningSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=MentorskiftSerializer,
        responses={201: MentortilknytningSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def mentorskift(self, request, pk=None):
        """The mentor history, or a change of mentor (with `begrundelse`)."""
        forloeb = self.get_object()
        if request.method == "GET":
            # The reasons are case content: not for the coordinator (headlines only).
            self._indhold(forloeb)
            rows = forloeb.tilknytninger.select_related("mentor")
            return Response(MentortilknytningSerializer(rows, many=True).data)
        self._skriv(forloeb)
        serializer = MentorskiftSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if v is not None}
        tilknytning = call_service(
            lambda: services.tildel_mentor(user=request.user, forloeb=forloeb, **data)
        )
        return Response(
            MentortilknytningSerializer(tilknytning).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=AfslutningSerializer, responses={201: AfslutningSerializer})
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def afslut(self, request, pk=None):
        """End the course: reason and both voices' rating (1–5) of how close the goal is."""
        forloeb = self.get_object()
        self._skriv(forloeb)
        serializer = AfslutningSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.setdefault("borger_vurdering", None)
        data.setdefault("mentor_vurdering", None)
        afslutning = call_service(
            lambda: services.afslut_forloeb(user=request.user, forloeb=forloeb, **data)
        )
        return Response(AfslutningSerializer(afslutning).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=FuldfoerAfslutningSerializer,
        responses={200: AfslutningSerializer},
        description=(
            "Fuldfør en afslutning, der mangler årsag eller vurderinger (fx efter import). "
            "Kun manglende felter udfyldes; ændringen står i historikken."
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="afslutning/fuldfoer",
        pagination_class=None,
        filterset_class=None,
    )
    def fuldfoer_afslutning(self, request, pk=None):
        forloeb = self.get_object()
        self._skriv(forloeb)
        return self._opret(
            request,
            FuldfoerAfslutningSerializer,
            lambda data: services.fuldfoer_afslutning(user=request.user, forloeb=forloeb, **data),
            svar_class=AfslutningSerializer,
            status_kode=status.HTTP_200_OK,
        )

    @extend_schema(
        request=AnnullerSerializer,
        responses={200: ForloebSerializer},
        description="Annullér en kladde, der ikke skal bevilges (med en begrundelse).",
    )
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def annuller(self, request, pk=None):
        forloeb = self.get_object()
        self._skriv(forloeb)
        data = AnnullerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(
            lambda: services.annuller_kladde(
                user=request.user, forloeb=forloeb, begrundelse=data.validated_data["begrundelse"]
            )
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=forloeb.pk)).data)

    @extend_schema(methods=["GET"], responses=ResultatSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=ResultatSerializer,
        responses={201: ResultatSerializer},
        description=(
            "Resultat 3, 6 eller 12 måneder efter afslutningen; kan først registreres, når "
            "tiden er gået. Samme måned igen erstatter resultatet."
        ),
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def resultater(self, request, pk=None):
        forloeb = self.get_object()
        if request.method == "GET":
            self._indhold(forloeb)
            return Response(ResultatSerializer(forloeb.resultater.all(), many=True).data)
        self._skriv(forloeb)
        return self._opret(
            request,
            ResultatSerializer,
            lambda data: services.registrer_resultat(user=request.user, forloeb=forloeb, **data),
        )
