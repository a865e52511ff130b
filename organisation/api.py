"""The API's door for people: tokens for a username and password, and each user's own
API tokens (django-rest-knox: hashed, expiring, named, shown once).

Error mapping, paging and access logging live in `core.api`; who may call the case
endpoints is `organisation.permissions.HarSagsrolle` (the default permission class).
The token endpoints read no personal data, so they write no access-log rows.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.api import call_service
from core.http import client_ip

from . import selectors, services
from .models import ApiToken

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


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
    # The ceiling is in the schema too; the service keeps the rule (and reads the setting).
    dage = serializers.IntegerField(
        min_value=1,
        max_value=settings.API_TOKEN_MAKS_DAGE,
        error_messages={"max_value": _("En API-nøgle kan højst gælde i {max_value} dage.")},
    )


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


class MineTokensView(APIView):
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


class MinTokenView(APIView):
    """DELETE: revoke one of the user's own tokens (someone else's is a 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        try:
            services.tilbagekald_api_token(bruger=request.user, token_id=pk)
        except ApiToken.DoesNotExist:
            raise exceptions.NotFound() from None
        return Response(status=status.HTTP_204_NO_CONTENT)
