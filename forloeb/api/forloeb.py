"""Courses in the API: list, open, create (with its first mentor), edit with `version`.

The nested resources (grants, meetings, end ...) come from the mixins beside this module.
"""

from __future__ import annotations

import django_filters
from django.db.models import BooleanField, ExpressionWrapper
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from core.api import ApiMixin, IdFilter, ValgFilter, call_service
from organisation import permissions
from organisation.models import Rolle

from .. import services
from ..models import (
    Forloeb,
    Status,
)
from ..serializers import (
    ForloebOpdaterSerializer,
    ForloebOpretSerializer,
    ForloebSerializer,
)
from ._faelles import ForloebApiBase
from .afslutning import AfslutningMixin
from .bevillinger import BevillingerMixin
from .opfoelgning import OpfoelgningMixin


class ForloebFilter(django_filters.FilterSet):
    status = ValgFilter(choices=Status.choices)
    team = IdFilter(field_name="team_id")
    sagsbehandler = IdFilter(field_name="sagsbehandler_id")
    mentor = IdFilter(field_name="mentor_id")
    borger = IdFilter(field_name="borger_id")

    class Meta:
        model = Forloeb
        fields = ["status", "team", "sagsbehandler", "mentor", "borger"]


def forloeb_for(user):
    """Courses the user may open, with `kan_se_indhold` (goal/tasks visible) annotated."""
    return (
        Forloeb.objects.synlige_for(user)
        .select_related("borger", "mentor")
        .annotate(
            kan_se_indhold=ExpressionWrapper(
                Forloeb.objects.indhold_q(user), output_field=BooleanField()
            )
        )
        .order_by("-oprettet", "-pk")
    )


@extend_schema_view(
    create=extend_schema(request=ForloebOpretSerializer, responses={201: ForloebSerializer}),
    partial_update=extend_schema(
        request=ForloebOpdaterSerializer,
        responses={200: ForloebSerializer},
        description=(
            "Ret formål, mål, opgaver, støttetype, lovgrundlag, udskrivningsdato og "
            "`ud_over_normalt`. `version` er påkrævet: er forløbet ændret af en anden, "
            "siden klienten læste det, afvises ændringen (409, `non_field_errors`). "
            "Svaret har den nye `version`. Kun forløbets sagsbehandler."
        ),
    ),
)
class ForloebViewSet(
    ApiMixin,
    ForloebApiBase,
    BevillingerMixin,
    OpfoelgningMixin,
    AfslutningMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ForloebSerializer
    filterset_class = ForloebFilter

    def get_queryset(self):
        return forloeb_for(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.noter_visning(beskrivelse="API forloeb (liste)")
        return response

    def retrieve(self, request, *args, **kwargs):
        forloeb = self.get_object()
        self.noter_visning(forloeb=forloeb, beskrivelse="API forloeb (detalje)")
        return Response(self.get_serializer(forloeb).data)

    def create(self, request, *args, **kwargs):
        user = request.user
        permissions.require_role(user, Rolle.SAGSBEHANDLER)
        serializer = ForloebOpretSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if v is not None}
        forloeb = call_service(
            lambda: services.opret_forloeb_med_mentor(user=user, **data),
            mentor_fra="mentor_fra",
        )
        forloeb = self.get_queryset().get(pk=forloeb.pk)
        return Response(self.get_serializer(forloeb).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        forloeb = self.get_object()
        self._skriv(forloeb)
        serializer = ForloebOpdaterSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        call_service(
            lambda: services.opdater_forloeb(
                user=request.user, forloeb=forloeb, version=version, **data
            )
        )
        forloeb = self.get_queryset().get(pk=forloeb.pk)
        return Response(self.get_serializer(forloeb).data)
