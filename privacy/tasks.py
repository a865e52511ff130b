"""Celery entry points of the privacy app; each calls a service and logs only counts."""

from celery import shared_task

from . import opbevaring


@shared_task(name="privacy.opbevaring")
def opbevaring_task() -> dict:
    """Nightly retention: pseudonymise old courses' citizens, prune the access log."""
    return {
        "pseudonymiserede_borgere": opbevaring.pseudonymiser_gamle_forloeb(),
        "slettede_lograekker": opbevaring.slet_gammel_adgangslog(),
    }
