"""The nightly scan in a few balanced parts of organisations: together exactly the flags of
one full scan, each part run once, the run closed by its last part, on a real worker too."""

import datetime as dt

import pytest
from django.db import transaction

from compliance import services
from compliance.models import Advarsel, Scandel, Scankoersel
from drift.models import OutboxMessage
from forloeb.models import Forloeb
from tests.conftest import wait_until
from tests.factories import aktivt_forloeb

from .conftest import kompliant_forloeb, lukket_uge


def _flags() -> set[tuple[str, int, dt.date]]:
    return set(Advarsel.objects.aabne().values_list("regel", "forloeb_id", "siden"))


def _fuld_scan(now) -> set[tuple[str, int, dt.date]]:
    with transaction.atomic():
        services.scan(now)
        flags = _flags()
        transaction.set_rollback(True)
    return flags


def _kommuner(today):
    """Courses in three organisations (each factory team is its own), with gaps, a missing
    report and an overloaded mentor, so most rules have something to find."""
    ok = kompliant_forloeb(today)
    huller = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=huller.pk).update(opgaver="", maal="")
    ingen_rapport = kompliant_forloeb(today, team=huller.team)
    ingen_rapport.statusrapporter.all().delete()
    travl = kompliant_forloeb(today)
    kompliant_forloeb(
        today,
        start=lukket_uge(today) - dt.timedelta(weeks=6),
        mentor=travl.mentor,
        team=travl.team,
    )
    travl.mentor.kapacitet = 1
    travl.mentor.save()
    organisationer = {f.organisation_id for f in (ok, huller, travl)}
    assert len(organisationer) == 3
    return organisationer


def _koer_delene(koersel):
    for besked in OutboxMessage.objects.pending().filter(task_name=services.opdelt.DEL_OPGAVE):
        with transaction.atomic():
            services.scan_del(**besked.kwargs)
            OutboxMessage.objects.filter(pk=besked.pk).update(processed_at=koersel.tidspunkt)


def _delenes_organisationer(koersel) -> list[int]:
    return [
        org for orgs in koersel.deldata.values_list("organisationer", flat=True) for org in orgs
    ]


@pytest.mark.django_db
def test_delene_giver_praecis_den_fulde_scannings_advarsler(today, now, settings):
    settings.SCAN_DELE = 2
    organisationer = _kommuner(today)
    fuld = _fuld_scan(now)
    assert {"OPGAVER_MANGLER", "STATUSRAPPORT_MANGLER", "MENTOR_OVERBELASTET"} <= {
        f[0] for f in fuld
    }

    koersel = services.start_natlig_scan(now)
    assert koersel.dele == 2  # three organisations in two parts: one part holds two
    delenes = _delenes_organisationer(koersel)
    assert sorted(delenes) == sorted(set(delenes)) and set(delenes) >= organisationer
    assert _flags() == set()  # nothing before the parts run
    _koer_delene(koersel)

    assert _flags() == fuld
    koersel.refresh_from_db()
    assert koersel.faerdige == koersel.dele and koersel.afsluttet is not None
    assert koersel.oprettet == len(fuld)
    assert services.scan(now).oprettet == 0


@pytest.mark.django_db
def test_en_del_koeres_kun_en_gang(today, now):
    _kommuner(today)
    koersel = services.start_natlig_scan(now)
    del_ = koersel.deldata.order_by("nummer").first()
    foerste = services.scan_del(koersel_id=koersel.pk, nummer=del_.nummer)
    anden = services.scan_del(koersel_id=koersel.pk, nummer=del_.nummer)
    assert anden == {"allerede_faerdig": True}
    koersel.refresh_from_db()
    assert koersel.faerdige == 1 and koersel.afsluttet is None
    assert koersel.oprettet == foerste["oprettet"]


@pytest.mark.django_db
def test_delene_har_lige_mange_aktive_forloeb(today, now, settings):
    """Organisations with 3, 2 and 1 active courses in two parts: 3 against 2 + 1; every
    organisation in exactly one part, and never more parts than organisations."""
    settings.SCAN_DELE = 2
    organisationer = []
    for antal in (1, 3, 2):
        foerste = aktivt_forloeb()
        for _ in range(antal - 1):
            aktivt_forloeb(team=foerste.team)
        organisationer.append(foerste.organisation_id)

    koersel = services.start_natlig_scan(now)
    dele = list(koersel.deldata.order_by("nummer").values_list("organisationer", "aktive"))
    assert sorted(aktive for _, aktive in dele) == [3, 3]
    assert sorted(_delenes_organisationer(koersel)) == sorted(organisationer)

    settings.SCAN_DELE = 4
    assert services.start_natlig_scan(now).dele == 3


@pytest.mark.django_db
def test_uden_organisationer_er_koerslen_straks_afsluttet(now):
    from organisation.models import Organisation

    assert not Organisation.objects.exists()
    koersel = services.start_natlig_scan(now)
    koersel.refresh_from_db()
    assert (koersel.dele, koersel.afsluttet) == (0, now)
    assert not Scandel.objects.exists()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_natlig_scanning_i_dele_paa_rigtig_worker(celery_worker_process, today):
    from django.utils import timezone

    from drift.schedules import DEFAULT_SCHEDULES
    from mentorsag.celery import app

    _kommuner(today)
    forventet = {f[:2] for f in _fuld_scan(timezone.now())}
    app.send_task(DEFAULT_SCHEDULES["Compliance: natlig scanning"][0])
    wait_until(lambda: Scankoersel.objects.filter(afsluttet__isnull=False).exists(), timeout=90)
    assert {f[:2] for f in _flags()} == forventet
    koersel = Scankoersel.objects.get()
    assert koersel.faerdige == koersel.dele == Scandel.objects.filter(faerdig__isnull=False).count()
