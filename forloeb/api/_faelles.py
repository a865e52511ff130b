"""What the course API's parts share: id parameters and the checks before a nested resource."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.response import Response

from core.api import call_service
from organisation import permissions

from ..models import (
    Arbejdspunkt,
    Forloeb,
    Mentoraftale,
)


def _id_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, int, OpenApiParameter.PATH, description=description)


def _id(value) -> int:
    """A path id as an int; one that cannot be a database id is simply not found."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number < 2**31:
        raise Http404
    return number


class ForloebApiBase:
    """Checks and plumbing of the nested course resources (goal, grants, meetings...)."""

    def _indhold(self, forloeb: Forloeb) -> None:
        """Goal, grants, meetings and follow-up: not for headline-only users."""
        if not forloeb.kan_se_indhold:
            raise PermissionDenied
        self.noter_visning(forloeb=forloeb)

    def _skriv(self, forloeb: Forloeb) -> None:
        """Writes are the caseworker's; refuse before looking at the body."""
        if not permissions.is_case_worker_for(self.request.user, forloeb):
            raise PermissionDenied

    def _skriv_eller_mentor(self, forloeb: Forloeb) -> None:
        """Work points: the course's caseworker or its current mentor."""
        user = self.request.user
        if not (
            permissions.is_case_worker_for(user, forloeb)
            or permissions.is_current_mentor_of(user, forloeb)
        ):
            raise PermissionDenied

    def _opret(
        self,
        request,
        serializer_class,
        opret,
        svar_class=None,
        status_kode=status.HTTP_201_CREATED,
        **rename,
    ):
        """Validate the body's types, call the service, answer 201 with the new row."""
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        obj = call_service(lambda: opret(dict(serializer.validated_data)), **rename)
        return Response(
            (svar_class or serializer_class)(obj, context=self.get_serializer_context()).data,
            status=status_kode,
        )

    def _liste_eller_opret(self, request, serializer_class, related, opret):
        forloeb = self.get_object()
        if request.method == "GET":
            self._indhold(forloeb)
            rows = getattr(forloeb, related).all()
            return Response(
                serializer_class(rows, many=True, context=self.get_serializer_context()).data
            )
        self._skriv(forloeb)
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        obj = call_service(lambda: opret(forloeb, dict(serializer.validated_data)))
        return Response(
            serializer_class(obj, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def _aftaler(self, forloeb: Forloeb):
        return Mentoraftale.objects.filter(bevilling__forloeb=forloeb).order_by(
            "bevilling__start", "version"
        )

    def _arbejdspunkt(self, forloeb: Forloeb, ap_id) -> Arbejdspunkt:
        arbejdspunkt = get_object_or_404(forloeb.arbejdspunkter.all(), pk=_id(ap_id))
        arbejdspunkt.forloeb = forloeb
        self._skriv_eller_mentor(forloeb)
        return arbejdspunkt
