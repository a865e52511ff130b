"""The scan: idempotent, closes and reopens flags, safe when run twice at once, and runs as
the scheduled Celery task on a real worker."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from compliance import services
from compliance.models import Advarsel
from drift.schedules import DEFAULT_SCHEDULES
from forloeb.models import Forloeb
from tests.conftest import wait_until
from tests.factories import aktivt_forloeb

from .conftest import kompliant_forloeb


def _tilstand():
    return sorted(
        Advarsel.objects.values_list(
            "id", "regel", "forloeb_id", "ansvarlig_id", "siden", "foerst_set", "lukket"
        )
    )


@pytest.mark.django_db
def test_anden_scanning_aendrer_intet(today, now):
    kompliant_forloeb(today)
    brudt = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=brudt.pk).update(maal="", opgaver="")
    first = services.scan(now)
    assert first.oprettet == 2
    before = _tilstand()
    second = services.scan(now)
    assert (second.oprettet, second.lukket, second.set) == (0, 0, 0)
    assert _tilstand() == before


@pytest.mark.django_db
def test_rettede_data_lukker_advarslen_og_nyt_brud_aabner_en_ny(today, now):
    forloeb = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="")
    services.scan(now)
    first = Advarsel.objects.get(regel="OPGAVER_MANGLER", forloeb=forloeb)
    assert first.lukket is None

    Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="Struktur i hverdagen.")
    later = now + dt.timedelta(hours=1)
    assert services.scan(later).lukket == 1
    first.refresh_from_db()
    assert first.lukket == later

    Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="")
    services.scan(later + dt.timedelta(hours=1))
    flags = Advarsel.objects.filter(regel="OPGAVER_MANGLER", forloeb=forloeb).order_by("id")
    assert flags.count() == 2
    assert flags[0].lukket == later
    assert flags[1].lukket is None and flags[1].pk != first.pk


@pytest.mark.django_db
def test_let_gennemloeb_lukker_men_aabner_ikke(today, now):
    rettet = kompliant_forloeb(today)
    nyt_brud = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=rettet.pk).update(opgaver="")
    services.scan(now)
    Forloeb.objects.filter(pk=rettet.pk).update(opgaver="Noget.")
    Forloeb.objects.filter(pk=nyt_brud.pk).update(opgaver="")
    resultat = services.scan(now + dt.timedelta(hours=2), kun_luk=True)
    assert (resultat.oprettet, resultat.lukket) == (0, 1)
    assert not Advarsel.objects.aabne().filter(regel="OPGAVER_MANGLER").exists()


@pytest.mark.django_db
def test_scan_compliance_kommandoen_scanner(today, capsys):
    forloeb = aktivt_forloeb()
    Forloeb.objects.filter(pk=forloeb.pk).update(maal="")
    call_command("scan_compliance")
    assert Advarsel.objects.aabne().filter(regel="FORMAAL_MANGLER", forloeb=forloeb).exists()
    assert "nye" in capsys.readouterr().out


@pytest.mark.django_db
def test_advarsel_findes_ikke_i_admin_og_kan_ikke_slettes_der(admin_client, today, now):
    forloeb = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=forloeb.pk).update(maal="")
    services.scan(now)
    advarsel = Advarsel.objects.get()
    # Flags are case content: not in the admin at all, not even for a superuser.
    assert admin_client.get("/admin/compliance/advarsel/").status_code == 404
    response = admin_client.post(
        f"/admin/compliance/advarsel/{advarsel.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 404
    assert Advarsel.objects.filter(pk=advarsel.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_to_samtidige_scanninger_giver_ingen_dubletter(today, now):
    for _ in range(3):
        forloeb = kompliant_forloeb(today)
        Forloeb.objects.filter(pk=forloeb.pk).update(maal="", opgaver="")
    barrier = threading.Barrier(4)
    errors = []
    results = []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(services.scan(now))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sum(r.oprettet for r in results) == 6
    assert Advarsel.objects.aabne().count() == 6


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_planlagt_scanning_koerer_paa_rigtig_worker(celery_worker_process, today):
    from mentorsag.celery import app

    forloeb = aktivt_forloeb()
    Forloeb.objects.filter(pk=forloeb.pk).update(maal="")
    task_name = DEFAULT_SCHEDULES["Compliance: natlig scanning"][0]
    app.send_task(task_name)
    wait_until(
        lambda: Advarsel.objects.aabne().filter(regel="FORMAAL_MANGLER", forloeb=forloeb).exists(),
        timeout=60,
    )
    assert Advarsel.objects.filter(regel="FORMAAL_MANGLER", forloeb=forloeb).count() == 1


def test_planlaegningen_har_compliance_jobbene_og_hjerteslaget():
    from mentorsag.celery import app

    app.loader.import_default_modules()
    tasks = {task for task, _cron, _kwargs in DEFAULT_SCHEDULES.values()}
    assert "drift.heartbeat" in tasks
    for name in (
        "compliance.scan",
        "compliance.let_scan",
        "compliance.snapshot",
        "compliance.dagligt_overblik",
        "compliance.ugentligt_overblik",
    ):
        assert name in tasks
        assert name in app.tasks
