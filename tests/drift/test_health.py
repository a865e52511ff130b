import pytest
from django.test import override_settings

from drift.models import WorkerHeartbeat
from drift.tasks import heartbeat
from tests.conftest import wait_until

pytestmark = pytest.mark.django_db


def test_healthz_melder_redis_nede_med_503(client):
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["redis"] == "fejl"
    assert body["status"] == "fejl"
    assert body["nede"] == ["redis", "celery"]
    assert body["udbakke"] == {
        "opgaver_venter": 0,
        "opgaver_opgivet": 0,
        "mails_venter": 0,
        "mails_ikke_leveret": 0,
    }


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_celery_opgave_koeres_af_rigtig_worker_via_redis(celery_worker_process, client):
    before = WorkerHeartbeat.objects.count()
    heartbeat.delay()
    row = wait_until(
        lambda: (
            WorkerHeartbeat.objects.order_by("-pk").first()
            if WorkerHeartbeat.objects.count() > before
            else None
        )
    )
    assert row.hostname.startswith("testworker@")

    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("status", "database", "redis", "celery")} == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
        "celery": "ok",
    }
    assert "nede" not in body


def test_migrationer_er_opdaterede():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
