"""What every Mentorsag API endpoint shares: token login, paging, error mapping, logging.

The API is a door into the same services the screens use. This module keeps that door
uniform: a service's `ValidationError({field: message})` becomes a 400 naming the field,
`PermissionDenied` a 403, a row outside the user's scope a 404, and no input a 500.
"""

from __future__ import annotations

import logging

from django.contrib.auth import authenticate
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from core.http import client_ip
from forloeb import services as forloeb_services
from forloeb.models import Handling

from . import permissions
from .permissions import CASE_ROLES

logger = logging.getLogger(__name__)

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


# --- Errors ------------------------------------------------------------------------------


def validation_detail(exc: DjangoValidationError, rename: dict[str, str] | None = None) -> dict:
    """A Django ValidationError as DRF's {field: [messages]} body."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, messages in exc.message_dict.items():
            key = NON_FIELD if field == NON_FIELD_ERRORS else rename.get(field, field)
            detail.setdefault(key, []).extend(messages)
        return detail
    return {NON_FIELD: exc.messages}


def call_service(call, **rename):
    """Run a service; its ValidationError becomes a DRF 400 naming the API's fields."""
    try:
        return call()
    except DjangoValidationError as exc:
        raise exceptions.ValidationError(validation_detail(exc, rename)) from None


def exception_handler(exc, context):
    """DRF's handler, plus: Django ValidationError → 400 with field names; database
    refusals of malformed input (out-of-range numbers, constraint races) → 400."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_detail(exc))
    elif isinstance(exc, DataError | IntegrityError):
        logger.warning("API input refused by the database: %s", type(exc).__name__)
        exc = exceptions.ValidationError({NON_FIELD: [_("Ugyldige data.")]})
    return drf_exception_handler(exc, context)


# --- Paging and permissions --------------------------------------------------------------


class Sidenummerering(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class HarSagsrolle(BasePermission):
    """Case data is for caseworkers, mentors, coordinators and team leaders. An
    administrator configures; a user without a role sees nothing."""

    def has_permission(self, request, view) -> bool:
        return permissions.has_role(request.user, *CASE_ROLES)


class ApiMixin:
    """Base for every Mentorsag API view: error mapping, paging, access logging."""

    pagination_class = Sidenummerering
    permission_classes = [HarSagsrolle]

    def get_exception_handler(self):
        return exception_handler

    def client_ip(self) -> str | None:
        return client_ip(self.request)

    def log_laesning(self, *, borger=None, forloeb=None, beskrivelse: str = "") -> None:
        """One Adgangslog row for an API read of personal data."""
        forloeb_services.log_adgang(
            user=self.request.user,
            handling=Handling.API_LAES,
            borger=borger,
            forloeb=forloeb,
            ip=self.client_ip(),
            beskrivelse=(beskrivelse or f"API {self.request.method} {self.request.path}")[:200],
        )


# --- Token login -------------------------------------------------------------------------


class TokenThrottle(ScopedRateThrottle):
    """Scope `token`; rate from REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'] if set."""

    default_rate = "20/min"

    def get_rate(self):
        return (api_settings.DEFAULT_THROTTLE_RATES or {}).get(self.scope) or self.default_rate


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=False)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class TokenView(APIView):
    """POST {username, password} → {token}. Goes through django.contrib.auth.authenticate
    with the request, so django-axes counts failures and locks out like the login page."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]
    throttle_scope = "token"

    def get_exception_handler(self):
        return exception_handler

    @extend_schema(
        request=TokenInputSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
        auth=[],
    )
    def post(self, request):
        data = TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request=request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None or not user.is_active:
            return Response(
                {NON_FIELD: [_("Forkert brugernavn eller adgangskode.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
