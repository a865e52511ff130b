import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    """A strict CSP: no inline scripts anywhere, our own origin only."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Swagger UI and the admin bring their own inline code; they get Django's defaults.
        if not request.path.startswith(("/api/docs", "/admin")):
            response.setdefault("Content-Security-Policy", self.POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """While PostgreSQL is unreachable (restarting, failing over) a request gets a Danish
    503 with Retry-After at once, as JSON on the API: never a traceback or a hung page.
    The connect timeout (DATABASE_CONNECT_TIMEOUT) bounds how long finding out takes."""

    RETRY_AFTER_SECONDS = 10

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.warning("database unavailable: %s", type(exception).__name__)
        besked = _("Databasen er midlertidigt utilgængelig. Prøv igen om lidt.")
        if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
            response = JsonResponse({"detail": besked}, status=503)
        else:
            # Rendered without the request: the context processors would ask the database.
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
