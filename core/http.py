"""HTTP facts every view needs, answered once."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or — behind a configured, trusted proxy — the
    address that proxy put in its header.

    A client can send any X-Forwarded-For it likes; only the entries appended by our own
    proxies can be trusted, so with `PROXY_CLIENT_IP_HEADER = "X-Forwarded-For"` the
    address `PROXY_COUNT` places from the right is used.
    """
    header = getattr(settings, "PROXY_CLIENT_IP_HEADER", "")
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        values = [v.strip() for v in request.META.get(key, "").split(",") if v.strip()]
        count = max(1, int(getattr(settings, "PROXY_COUNT", 1)))
        if len(values) >= count:
            return values[-count]
    return request.META.get("REMOTE_ADDR") or None


# The session key under which the login records its method (organisation.session).
SESSION_LOGIN_METODE = "login_metode"


def login_metode(request) -> str:
    """How the requesting user logged in: the method the login put in the session, or
    `api_noegle` for an API call made with a token (which has no session)."""
    if getattr(request, "auth", None) is not None:
        return "api_noegle"
    session = getattr(request, "session", None)
    return (session.get(SESSION_LOGIN_METODE, "") if session is not None else "") or ""
