"""Celery entry points of the privacy app; each calls a service and logs only counts."""

from celery import shared_task

from drift.retry import DATABASE_RETRY

from . import opbevaring


@shared_task(
    name="privacy.opbevaring", soft_time_limit=30 * 60, time_limit=35 * 60, **DATABASE_RETRY
)
def opbevaring_task() -> dict:
    """Nightly retention: pseudonymise old courses' citizens, prune the access log."""
    return {
        "pseudonymiserede_borgere": opbevaring.pseudonymiser_gamle_forloeb(),
        "slettede_lograekker": opbevaring.slet_gammel_adgangslog(),
    }
