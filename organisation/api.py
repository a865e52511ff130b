"""What every Mentorsag API endpoint shares: token login and API tokens, paging, error
mapping, logging.

The API is a door into the same services the screens use. This module keeps that door
uniform: a service's `ValidationError({field: message})` becomes a 400 naming the field,
`PermissionDenied` a 403, a row outside the user's scope a 404, and no input a 500.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from core.http import client_ip
from forloeb import services as forloeb_services
from forloeb.models import Handling

from . import permissions, selectors, services
from .models import ApiToken
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


# --- Token login and API tokens ---------------------------------------------------------


class TokenThrottle(ScopedRateThrottle):
    """Scope `token`; rate from REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'] if set.

    Keyed on `core.http.client_ip`, not on DRF's reading of X-Forwarded-For: a client
    that sends a new header on every try must not get a fresh allowance each time.
    """

    default_rate = "20/min"

    def get_rate(self):
        return (api_settings.DEFAULT_THROTTLE_RATES or {}).get(self.scope) or self.default_rate

    def get_ident(self, request):
        return client_ip(request) or "ukendt"


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=False)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    navn = serializers.CharField(max_length=100, required=False)


class NyTokenSerializer(serializers.Serializer):
    navn = serializers.CharField(max_length=100)
    dage = serializers.IntegerField(min_value=1, max_value=3650)


class ApiTokenSerializer(serializers.ModelSerializer):
    oprettet = serializers.DateTimeField(source="created", read_only=True)
    udloeber = serializers.DateTimeField(source="expiry", read_only=True)
    denne = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "navn", "oprettet", "udloeber", "denne"]

    def get_denne(self, token) -> bool:
        """Whether this is the token the request was made with."""
        auth = self.context["request"].auth
        return isinstance(auth, ApiToken) and auth.pk == token.pk


class UdstedtTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True)

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]


def _udsted(request, *, bruger, navn: str, levetid: timedelta) -> dict:
    """Create a token through the service; the answer carries the token this once."""
    try:
        token, noegle = call_service(
            lambda: services.opret_api_token(bruger=bruger, navn=navn, levetid=levetid)
        )
    except PermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc)) from None
    data = UdstedtTokenSerializer(token, context={"request": request}).data
    data["token"] = noegle
    return data


class TokenView(APIView):
    """POST {username, password} → {token, …}. Goes through django.contrib.auth.authenticate
    with the request, so django-axes counts failures and locks out like the login page. The
    token expires after API_TOKEN_TIMER hours; only its hash is stored."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]
    throttle_scope = "token"

    def get_exception_handler(self):
        return exception_handler

    @extend_schema(
        request=TokenInputSerializer,
        responses={200: UdstedtTokenSerializer},
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
        return Response(
            _udsted(
                request,
                bruger=user,
                navn=data.validated_data.get("navn") or _("Log-ind via API"),
                levetid=timedelta(hours=settings.API_TOKEN_TIMER),
            )
        )


class MineTokensView(ApiMixin, APIView):
    """GET: the user's own valid API tokens (never the tokens themselves).
    POST {navn, dage}: a new named token, shown once in the answer."""

    permission_classes = [IsAuthenticated]
    pagination_class = None

    @extend_schema(responses={200: ApiTokenSerializer(many=True)})
    def get(self, request):
        tokens = selectors.mine_api_tokens(bruger=request.user)
        return Response(ApiTokenSerializer(tokens, many=True, context={"request": request}).data)

    @extend_schema(request=NyTokenSerializer, responses={201: UdstedtTokenSerializer})
    def post(self, request):
        data = NyTokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        svar = _udsted(
            request,
            bruger=request.user,
            navn=data.validated_data["navn"],
            levetid=timedelta(days=data.validated_data["dage"]),
        )
        return Response(svar, status=status.HTTP_201_CREATED)


class MinTokenView(ApiMixin, APIView):
    """DELETE: revoke one of the user's own tokens (someone else's is a 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        try:
            services.tilbagekald_api_token(bruger=request.user, token_id=pk)
        except ApiToken.DoesNotExist:
            raise exceptions.NotFound() from None
        return Response(status=status.HTTP_204_NO_CONTENT)
