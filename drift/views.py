import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from core.adgang import uden_persondata

from . import health

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 10


def _database_unavailable(exc: BaseException | None) -> bool:
    """True when the database connection failed somewhere in the exception's chain (a
    session that could not be saved hides it behind its own error)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def server_error(request):
    """handler500: while PostgreSQL is unreachable (restarting, failing over) the answer
    is a Danish 503 with Retry-After, as JSON on the API, never a 500 or a hung page. The
    connect timeout (DATABASE_CONNECT_TIMEOUT) bounds how long finding out takes."""
    if not _database_unavailable(sys.exc_info()[1]):
        return defaults.server_error(request)
    return _unavailable(request)


def page_not_found(request, exception):
    """handler404: an unknown address under /api/ answers JSON like the rest of the API
    (a client, and the schema, expect it); elsewhere the Danish page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Ikke fundet.")}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """handler400: a session that could not be saved because the database went away is
    an outage (503), not the client's fault."""
    if not _database_unavailable(exception):
        return defaults.bad_request(request, exception)
    return _unavailable(request)


def _unavailable(request):
    log.warning("database unavailable: %s answered 503", request.path)
    besked = _("Databasen er midlertidigt utilgængelig. Prøv igen om lidt.")
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": besked}, status=503)
    else:
        # Rendered without the request: the context processors would ask the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@never_cache
@uden_persondata
def healthz(request):
    """200 when the database, Redis and a Celery worker answer, else 503 naming what is
    down. With the database up it also counts the outbox backlog (docs/drift.md)."""
    checks = {"database": health.check_database(), "redis": health.check_redis()}
    checks["celery"] = checks["redis"] and health.check_celery()
    ok = all(checks.values())
    body = {
        "status": "ok" if ok else "fejl",
        **{k: "ok" if v else "fejl" for k, v in checks.items()},
    }
    if not ok:
        body["nede"] = [k for k, v in checks.items() if not v]
    if checks["database"]:
        body["udbakke"] = health.outbox_backlog()
    return JsonResponse(body, status=200 if ok else 503)
