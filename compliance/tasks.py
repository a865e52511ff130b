"""Celery entry points; each calls one service (beat schedules: drift/schedules.py).

Every task is safe to run twice (acks_late redelivers after a lost worker): scans are
idempotent, and mails are stored once by key. The scheduled ones retry with backoff while
the database is unreachable (a PostgreSQL restart), so a night's scan is not lost to it.
"""

from celery import shared_task

from drift import outbox
from drift.retry import DATABASE_RETRY

from . import services


@shared_task(name="compliance.scan", soft_time_limit=10 * 60, time_limit=15 * 60, **DATABASE_RETRY)
def scan_task() -> dict:
    """The nightly scan: opens, keeps and closes flags, in a few balanced parts of
    organisations spread over the workers (compliance.services.opdelt)."""
    koersel = services.start_natlig_scan()
    return {"koersel": koersel.pk, "dele": koersel.dele}


@outbox.handler(services.opdelt.DEL_OPGAVE, soft_time_limit=10 * 60, time_limit=15 * 60)
def scan_del_task(*, koersel_id: int, nummer: int) -> dict:
    """One part (a set of organisations) of the nightly scan, run once."""
    return services.scan_del(koersel_id=koersel_id, nummer=nummer)


# Hourly: a pass still queued after 50 minutes is dropped, the next one does the same work.
@shared_task(
    name="compliance.let_scan",
    expires=50 * 60,
    soft_time_limit=5 * 60,
    time_limit=7 * 60,
    **DATABASE_RETRY,
)
def let_scan_task() -> dict:
    """The light daytime pass: closes flags whose condition is gone; opens none."""
    resultat = services.scan(kun_luk=True)
    return {"oprettet": resultat.oprettet, "lukket": resultat.lukket}


# Batched: a backlog (after an outage, or a bulk import) becomes one scan per 500 courses.
@outbox.handler(
    "compliance.evaluer_forloeb", batch_size=500, soft_time_limit=5 * 60, time_limit=7 * 60
)
def evaluer_forloeb_task(beskeder: list[dict]) -> dict:
    """After changes to courses (enqueued by their services): those courses' flags now,
    exactly as a full scan would leave them."""
    ids = sorted({besked["forloeb_id"] for besked in beskeder})
    resultat = services.scan(forloeb_ids=ids)
    return {"forloeb": len(ids), "oprettet": resultat.oprettet, "lukket": resultat.lukket}


@shared_task(
    name="compliance.snapshot", soft_time_limit=10 * 60, time_limit=15 * 60, **DATABASE_RETRY
)
def snapshot_task() -> int:
    return services.ugens_snapshots()


@shared_task(
    name="compliance.dagligt_overblik", soft_time_limit=5 * 60, time_limit=7 * 60, **DATABASE_RETRY
)
def dagligt_overblik_task() -> int:
    return services.send_dagligt_overblik()


@shared_task(
    name="compliance.ugentligt_overblik",
    soft_time_limit=5 * 60,
    time_limit=7 * 60,
    **DATABASE_RETRY,
)
def ugentligt_overblik_task() -> int:
    return services.send_ugentligt_overblik()
