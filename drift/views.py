from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from . import health


@never_cache
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
