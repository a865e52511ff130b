"""Citizens in the API: list, look up by CPR (POST, logged), create."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.adgang import Handling
from core.api import ApiMixin, validation_detail
from organisation import permissions
from organisation.models import Rolle

from .. import cpr, services
from ..models import (
    Borger,
)
from ..serializers import (
    BorgerSerializer,
    CprSoegningSerializer,
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Søg i navn (del af navnet)."),
        ],
        description=(
            "Borgere, brugeren må se. Søg på CPR med POST /api/v1/borgere/soeg/ — et "
            "CPR-nummer i URL'en ville havne i serverens adgangslog, så `?cpr=` afvises."
        ),
    )
)
class BorgerViewSet(
    ApiMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = BorgerSerializer

    def get_queryset(self):
        qs = Borger.objects.synlige_for(self.request.user).order_by("navn", "pk")
        tekst = (self.request.query_params.get("q") or "").strip()
        if tekst and self.action == "list":
            qs = qs.filter(navn__icontains=tekst[:200])
        return qs

    def list(self, request, *args, **kwargs):
        if "cpr" in request.query_params:
            raise ValidationError(
                {
                    "cpr": [
                        _(
                            "Søg på CPR-nummer med POST /api/v1/borgere/soeg/, så nummeret "
                            "ikke står i URL'en."
                        )
                    ]
                }
            )
        response = super().list(request, *args, **kwargs)
        self.noter_visning(beskrivelse="API borgere (liste)")
        return response

    def retrieve(self, request, *args, **kwargs):
        borger = self.get_object()
        self.noter_visning(borger=borger, beskrivelse="API borgere (detalje)")
        return Response(self.get_serializer(borger).data)

    def create(self, request, *args, **kwargs):
        permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        cpr_nummer = data.pop("cpr")
        try:
            borger = services.opret_borger(user=request.user, cpr_nummer=cpr_nummer, **data)
        except DjangoValidationError as exc:
            raise ValidationError(validation_detail(exc, {"cpr_nummer": "cpr"})) from None
        return Response(self.get_serializer(borger).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=CprSoegningSerializer,
        responses={200: BorgerSerializer(many=True)},
        description="Find en borger på CPR-nummer. Søgningen skrives i adgangsloggen.",
    )
    @action(detail=False, methods=["post"], url_path="soeg", pagination_class=None)
    def soeg(self, request):
        data = CprSoegningSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            digits = cpr.normalise(data.validated_data["cpr"])
        except DjangoValidationError as exc:
            raise ValidationError({"cpr": exc.messages}) from None
        fundet = list(
            Borger.objects.synlige_for(request.user).filter(cpr_hash=cpr.lookup_hash(digits))
        )
        self.noter_visning(
            handling=Handling.SOEG_CPR,
            borger=fundet[0] if fundet else None,
            beskrivelse="API borgere/soeg",
        )
        return Response(self.get_serializer(fundet, many=True).data)
