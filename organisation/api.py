"""The API's door for people: a token for a username and password.

Error mapping, paging and access logging live in `core.api`; who may call the case
endpoints is `organisation.permissions.HarSagsrolle` (the default permission class).
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.http import client_ip

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


# --- Token login -------------------------------------------------------------------------


class TokenThrottle(ScopedRateThrottle):
    """Scope `token`; rate from REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'] if set."""

    default_rate = "20/min"

    def get_rate(self):
        return (api_settings.DEFAULT_THROTTLE_RATES or {}).get(self.scope) or self.default_rate

    def get_ident(self, request):
        return client_ip(request) or ""


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
