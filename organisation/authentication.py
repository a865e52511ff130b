"""How a request proves who it is: local passwords and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication


def adgangskode_tilladt(user) -> bool:
    """Local passwords are for everyone in development and demos; in production
    (`LOKALE_ADGANGSKODER=false`) only for break-glass administrators."""
    return settings.LOKALE_ADGANGSKODER or bool(getattr(user, "noedadgang", False))


class AdgangskodeBackend(ModelBackend):
    """Django's username/password check, refused for users who must log in through their
    organisation's identity provider. It runs after django-axes' backend, so a refusal
    counts as a failed attempt like a wrong password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not adgangskode_tilladt(user):
            return None
        return user


class ApiTokenAuthentication(TokenAuthentication):
    """knox's hashed-token check (`Authorization: Token …`).

    knox sweeps all of the user's other tokens for expiry on every request, one more query
    per API call; here only the presented token is checked. Expired tokens are deleted when
    presented and when their owner creates a new one.
    """

    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry <= timezone.now():
            auth_token.delete()
            return True
        return False


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema: `Authorization: Token <nøgle>`."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Token",  # noqa: S106
        )
