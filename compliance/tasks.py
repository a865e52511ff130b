"""Celery entry points; each calls one service (beat schedules: drift/schedules.py)."""

from celery import shared_task

from . import services


@shared_task(name="compliance.scan")
def scan_task() -> dict:
    """The nightly full scan: opens, keeps and closes flags."""
    resultat = services.scan()
    return {"oprettet": resultat.oprettet, "lukket": resultat.lukket}


@shared_task(name="compliance.let_scan")
def let_scan_task() -> dict:
    """The light daytime pass: closes flags whose condition is gone; opens none."""
    resultat = services.scan(kun_luk=True)
    return {"oprettet": resultat.oprettet, "lukket": resultat.lukket}


@shared_task(name="compliance.snapshot")
def snapshot_task() -> int:
    return services.ugens_snapshots()


@shared_task(name="compliance.dagligt_overblik")
def dagligt_overblik_task() -> int:
    return services.send_dagligt_overblik()


@shared_task(name="compliance.ugentligt_overblik")
def ugentligt_overblik_task() -> int:
    return services.send_ugentligt_overblik()
