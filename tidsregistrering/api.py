"""REST API for week registrations (/api/v1/ugeregistreringer/).

Registering goes through tidsregistrering.services.registrer_uge exactly as "Min uge"
does; approval and reopening through godkend_uge / genaabn_uge.
"""

from __future__ import annotations

import re
from datetime import date

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import ApiMixin, HeltalFilter, IdFilter, call_service
from organisation import permissions

from . import selectors, services
from .models import Ugeregistrering
from .serializers import GenaabnSerializer, UgeregistreringSerializer

_UGE_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class UgeField(forms.CharField):
    """An ISO week as `2026-W05` (→ its Monday) or a bare week number 1–53."""

    def to_python(self, value):
        value = (super().to_python(value) or "").strip()
        if not value:
            return None
        if value.isdigit() and 1 <= int(value) <= 53:
            return int(value)
        match = _UGE_RE.match(value)
        if match:
            try:
                return date.fromisocalendar(int(match[1]), int(match[2]), 1)
            except ValueError:
                pass
        raise forms.ValidationError(_("Angiv en uge som 2026-W05 eller et ugenummer 1–53."))


@extend_schema_field(OpenApiTypes.STR)
class UgeFilter(django_filters.Filter):
    field_class = UgeField

    def filter(self, qs, value):
        if value is None:
            return qs
        if isinstance(value, date):
            return qs.filter(**{f"uge_start__{self.lookup_expr}": value})
        return qs.filter(**{f"uge__{self.lookup_expr}": value})


class UgeregistreringFilter(django_filters.FilterSet):
    forloeb = IdFilter(field_name="forloeb_id")
    mentor = IdFilter(field_name="mentor_id")
    aar = HeltalFilter(field_name="aar", min_value=1, max_value=9999)
    uge = HeltalFilter(field_name="uge", min_value=1, max_value=53)
    fra_uge = UgeFilter(lookup_expr="gte")
    til_uge = UgeFilter(lookup_expr="lte")

    class Meta:
        model = Ugeregistrering
        fields = ["forloeb", "mentor", "aar", "uge", "fra_uge", "til_uge"]


_UGE_HJAELP = "ISO-uge som 2026-W05, eller et ugenummer 1–53 (sammen med aar)."


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("fra_uge", str, description=_UGE_HJAELP),
            OpenApiParameter("til_uge", str, description=_UGE_HJAELP),
        ]
    )
)
class UgeregistreringViewSet(
    ApiMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """A week's contacts per course and mentor, or the reason there was none. POST again for
    the same course and week to replace your registration: send its `version` (without it,
    or with an old one, the answer is 409 and nothing is overwritten); an identical repeat
    changes nothing."""

    serializer_class = UgeregistreringSerializer
    filterset_class = UgeregistreringFilter

    def get_queryset(self):
        return (
            selectors.synlige_registreringer(self.request.user)
            .prefetch_related("kontakter")
            .order_by("-uge_start", "forloeb_id", "pk")
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.noter_visning(beskrivelse="API ugeregistreringer (liste)")
        return response

    def retrieve(self, request, *args, **kwargs):
        registrering = self.get_object()
        self.noter_visning(forloeb=registrering.forloeb, beskrivelse="API ugeregistrering")
        return Response(self.get_serializer(registrering).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        registrering = call_service(
            lambda: services.registrer_uge(
                user=request.user,
                forloeb=data["forloeb"],
                aar=data["aar"],
                uge=data["uge"],
                kontakter=data.get("kontakter") or [],
                ingen_kontakt_aarsag=data.get("ingen_kontakt_aarsag", ""),
                ingen_kontakt_note=data.get("ingen_kontakt_note", ""),
                version=data.get("version"),
            )
        )
        registrering = self.get_queryset().get(pk=registrering.pk)
        return Response(self.get_serializer(registrering).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: UgeregistreringSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def godkend(self, request, pk=None):
        """The caseworker approves the week; it is locked until reopened."""
        registrering = self.get_object()
        call_service(lambda: services.godkend_uge(user=request.user, registrering=registrering))
        return Response(self.get_serializer(self.get_queryset().get(pk=registrering.pk)).data)

    @extend_schema(request=GenaabnSerializer, responses={200: UgeregistreringSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def genaabn(self, request, pk=None):
        """Reopen an approved week, with a reason (kept in the history)."""
        registrering = self.get_object()
        if not permissions.is_case_worker_for(request.user, registrering.forloeb):
            raise PermissionDenied
        data = GenaabnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(
            lambda: services.genaabn_uge(
                user=request.user,
                registrering=registrering,
                begrundelse=data.validated_data.get("begrundelse", ""),
            )
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=registrering.pk)).data)
