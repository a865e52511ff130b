from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from core.adgang import uden_persondata

from . import health


@never_cache
@uden_persondata
def healthz(request):
    checks = {"database": health.check_database(), "redis": health.check_redis()}
    checks["celery"] = checks["redis"] and health.check_celery()
    ok = all(checks.values())
    body = {
        "status": "ok" if ok else "fejl",
        **{k: "ok" if v else "fejl" for k, v in checks.items()},
    }
    return JsonResponse(body, status=200 if ok else 503)
