"""The upload screen's import runs here, on a worker: the request only stores the file."""

import logging

import redis
from django.conf import settings

from drift import outbox
from drift.health import redis_client_url

from . import services

log = logging.getLogger(__name__)


def _redis():
    return redis.Redis.from_url(
        redis_client_url(settings.REDIS_URL), socket_connect_timeout=1, socket_timeout=1
    )


def fremdrift_noegle(indlaesning_id: int) -> str:
    return f"mentorsag:indlaesning:{indlaesning_id}:fremdrift"


def laes_fremdrift(indlaesning_id: int) -> tuple[int, int] | None:
    """How far the run is (courses done, courses in all), or None before it starts. The
    run's own transaction hides its rows until the end, so progress goes through Redis."""
    try:
        value = _redis().get(fremdrift_noegle(indlaesning_id))
    except redis.RedisError:
        return None
    if not value:
        return None
    i, n = value.decode().split("/")
    return int(i), int(n)


def _skriv_fremdrift(indlaesning_id: int):
    client, sidst = _redis(), [-1]

    def fremdrift(i: int, n: int) -> None:
        # Every 1 % (and the last), not every course: one Redis call per 30 courses at 3,000.
        if i == n or i * 100 // max(n, 1) != sidst[0]:
            sidst[0] = i * 100 // max(n, 1)
            try:
                client.set(fremdrift_noegle(indlaesning_id), f"{i}/{n}", ex=24 * 3600)
            except redis.RedisError:
                log.warning("import %s: progress not stored (Redis unavailable)", indlaesning_id)

    return fremdrift


@outbox.handler("indlaesning.koer", soft_time_limit=30 * 60, time_limit=35 * 60)
def koer_indlaesning(indlaesning_id: int) -> dict:
    koersel = services.koer(
        indlaesning_id=indlaesning_id, fremdrift=_skriv_fremdrift(indlaesning_id)
    )
    return {"indlaesning": indlaesning_id, "status": koersel.status if koersel else None}
