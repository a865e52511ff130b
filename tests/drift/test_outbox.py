"""The outbox: enqueued in the write's transaction, dispatched after commit when the
broker answers, left for the sweep when it does not, processed once."""

import contextlib
import datetime as dt
import time

import pytest
from django.db import transaction
from django.utils import timezone

from drift import outbox
from drift.models import OutboxMessage, WorkerHeartbeat
from mentorsag.celery import app

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def broker_nede():
    """Point this process's Celery app at a port where no broker listens."""
    before = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    outbox._broker_down_until = 0.0
    try:
        yield
    finally:
        app.conf.broker_url = before
        outbox._broker_down_until = 0.0


@outbox.handler("tests.skriv_og_fejl")
def skriv_og_fejl(*, hostname: str) -> None:
    WorkerHeartbeat.objects.create(hostname=hostname, seen_at=timezone.now())
    raise ValueError("med vilje")


@pytest.mark.django_db(transaction=True)
def test_enqueue_kraever_skrivningens_transaktion():
    with pytest.raises(RuntimeError):
        outbox.enqueue("drift.heartbeat")
    with transaction.atomic():
        outbox.enqueue("tests.ingen", x=1)
    assert OutboxMessage.objects.get().kwargs == {"x": 1}


def test_utilgaengelig_broker_afviser_ikke_skrivningen_og_sinker_den_ikke():
    with transaction.atomic():
        message = outbox.enqueue("tests.ingen")
    with broker_nede():
        started = time.monotonic()
        assert outbox.dispatch([message.pk]) == 0
        first = time.monotonic() - started
        started = time.monotonic()
        assert outbox.dispatch([message.pk]) == 0  # paused: the broker is not asked again
        second = time.monotonic() - started
    message.refresh_from_db()
    assert first < 3 and second < 0.05
    assert message.dispatched_at is None
    assert "Køen kunne ikke nås" in message.last_error
    assert message.pk in outbox.due().values_list("pk", flat=True)


def test_fejl_i_behandlingen_ruller_arbejdet_tilbage_og_proever_senere(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    with transaction.atomic():
        message = outbox.enqueue("tests.skriv_og_fejl", hostname="x")
    before = timezone.now()
    with pytest.raises(ValueError):
        skriv_og_fejl(outbox_id=message.pk)
    message.refresh_from_db()
    assert not WorkerHeartbeat.objects.filter(hostname="x").exists()
    assert message.processed_at is None and message.attempts == 1
    assert message.last_error == "ValueError: med vilje"
    assert message.available_at >= before + dt.timedelta(seconds=30)
    assert message.pk not in outbox.due().values_list("pk", flat=True)
    later = message.available_at + dt.timedelta(seconds=1)
    assert message.pk in outbox.due(later).values_list("pk", flat=True)


def test_fejen_tager_det_glemte_og_det_tabte_men_ikke_det_netop_sendte(settings):
    settings.OUTBOX_REDISPATCH_SECONDS = 600
    now = timezone.now()

    def besked(**fields):
        return OutboxMessage.objects.create(task_name="tests.ingen", **fields).pk

    glemt = besked()
    tabt = besked(dispatched_at=now - dt.timedelta(seconds=601))
    sendt = besked(dispatched_at=now - dt.timedelta(seconds=10))
    udfoert = besked(dispatched_at=now, processed_at=now)
    senere = besked(available_at=now + dt.timedelta(minutes=5))
    opgivet = besked(attempts=settings.OUTBOX_MAX_ATTEMPTS)
    due = set(outbox.due(now + dt.timedelta(seconds=1)).values_list("pk", flat=True))
    assert due == {glemt, tabt}
    assert not due & {sendt, udfoert, senere, opgivet}


def test_fejen_glemmer_gamle_udfoerte_beskeder(settings):
    settings.OUTBOX_KEEP_DAYS = 7
    old = timezone.now() - dt.timedelta(days=8)
    OutboxMessage.objects.create(task_name="tests.ingen", processed_at=old, dispatched_at=old)
    with broker_nede():
        outbox.sweep()
    assert not OutboxMessage.objects.exists()


def test_administratoren_ser_opgivne_opgaver(admin_client, settings):
    OutboxMessage.objects.create(
        task_name="compliance.evaluer_forloeb",
        attempts=settings.OUTBOX_MAX_ATTEMPTS,
        last_error="OperationalError: forbindelsen blev afbrudt",
    )
    page = admin_client.get("/admin/drift/outboxmessage/?status=opgivet").content.decode()
    assert "forbindelsen blev afbrudt" in page
    assert "Opgivet" in page
