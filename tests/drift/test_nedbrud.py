"""Parts that fail (issue 13): Redis killed during a burst of writes, a worker killed
mid-scan, an SMTP server that refuses for a while. Real processes, real kills.

Each test starts its own redis-server and Celery processes against the test database
(docs/drift.md describes the behaviour proved here).
"""

import contextlib
import datetime as dt
import subprocess
import sys
from collections import Counter

import psycopg
import pytest
from celery import Celery
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from compliance import services
from compliance.models import Advarsel
from drift.models import Mail, MailStatus, OutboxMessage
from drift.schedules import ensure_default_schedules
from forloeb.models import Forloeb, Moede
from mentorsag.celery import app
from organisation.models import Rolle
from tests.compliance.conftest import kompliant_forloeb
from tests.conftest import ROOT, wait_until
from tests.factories import user_with_role
from tests.security import pg

from .prosesser import Redis, Web, beat, miljoe, processed_ids, worker
from .smtp import Postkasse

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SWEEP = "Udbakke: send ventende opgaver og e-mails"


@pytest.fixture
def workdir(tmp_path):
    return tmp_path


@pytest.fixture
def postkasse():
    server = Postkasse().start()
    yield server
    server.stop()


@contextlib.contextmanager
def broker(url: str):
    """This process's outbox dispatches to our own Redis while the block runs."""
    before = app.conf.broker_url
    app.conf.broker_url = url
    try:
        yield
    finally:
        app.conf.broker_url = before


def _flags() -> set[tuple[str, int]]:
    return set(Advarsel.objects.aabne().values_list("regel", "forloeb_id"))


def _fuld_scan(now=None) -> set[tuple[str, int]]:
    with transaction.atomic():
        services.scan(now)
        flags = _flags()
        transaction.set_rollback(True)
    return flags


def _kun_udbakkefejen(every: int = 1) -> None:
    """Beat sends only the outbox sweep, every second, so the test need not wait."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    ensure_default_schedules()
    interval, _ = IntervalSchedule.objects.get_or_create(every=every, period="seconds")
    PeriodicTask.objects.exclude(name=SWEEP).update(enabled=False)
    PeriodicTask.objects.filter(name=SWEEP).update(interval=interval, enabled=True)


def _forloeb_med_mails(today, antal: int) -> list[Forloeb]:
    kurs = []
    for i in range(antal):
        forloeb = kompliant_forloeb(today)
        forloeb.sagsbehandler.email = f"sb{i}@kommune.invalid"
        forloeb.sagsbehandler.save()
        forloeb.mentor.bruger.email = f"mentor{i}@kommune.invalid"
        forloeb.mentor.bruger.save()
        kurs.append(forloeb)
    return kurs


def _digest(env) -> None:
    """The daily digest as its scheduled job would run it, in a process of its own."""
    code = "from compliance import services; services.send_dagligt_overblik()"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_redis_draebt_under_skrivninger_intet_tabes_og_alt_koeres_en_gang(
    workdir, processer, postkasse
):
    today = timezone.localdate()
    kurs = _forloeb_med_mails(today, 3)
    for forloeb in kurs:
        # A gap each course's caseworker will hear about in the digest.
        Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="")
    services.scan()
    _kun_udbakkefejen()
    sessions = {}
    for forloeb in kurs:
        session_client = Client()
        session_client.force_login(forloeb.sagsbehandler)
        sessions[forloeb.pk] = session_client.cookies["sessionid"].value
    OutboxMessage.objects.all().delete()  # what the set-up enqueued is not under test

    redis = Redis(workdir).start()
    processer.append(redis)
    env = miljoe(redis.url, EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    env.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(postkasse.port)})
    web = Web(env, workdir).start()
    processer.append(web)
    processer.append(worker(env, workdir).start())
    processer.append(beat(env, workdir).start())

    statuses = []

    def skriv(n: int) -> None:
        for i in range(n):
            forloeb = kurs[len(statuses) % len(kurs)]
            status, _body, _secs, location = web.request(
                "POST",
                f"/forloeb/{forloeb.pk}/moede/",
                session=sessions[forloeb.pk],
                data={"type": "opfoelgning", "dato": today.isoformat(), "referat": f"nr {i}"},
            )
            # Saved: back to the course page (not to the login page).
            statuses.append((status, location == f"/forloeb/{forloeb.pk}/"))

    skriv(10)
    redis.kill()
    skriv(10)
    status, body, _, _ = web.request("GET", "/healthz")
    assert status == 503 and "redis" in body.decode()
    read, _, _, _ = web.request("GET", f"/forloeb/{kurs[0].pk}/", session=sessions[kurs[0].pk])
    assert read == 200
    _digest(env)  # the daily digest runs while Redis is down: its mails are stored
    assert Mail.objects.filter(status=MailStatus.PENDING).count() == 3
    redis.start()
    skriv(10)

    assert statuses == [(302, True)] * 30, statuses
    assert Moede.objects.filter(type="opfoelgning").count() == 30
    wait_until(
        lambda: not OutboxMessage.objects.filter(processed_at__isnull=True).exists(), timeout=90
    )
    wait_until(lambda: len(postkasse.accepted) >= 3, timeout=30)

    log = processer[2].output()
    evalueret = processed_ids(log, "compliance.evaluer_forloeb")
    mailet = processed_ids(log, "drift.send_mail")
    messages = OutboxMessage.objects.values_list("task_name", "pk")
    assert Counter(evalueret) == Counter(
        pk for name, pk in messages if name == "compliance.evaluer_forloeb"
    )
    assert len(evalueret) == 30 and set(Counter(evalueret).values()) == {1}
    assert Counter(mailet) == Counter(pk for name, pk in messages if name == "drift.send_mail")
    assert sorted(postkasse.recipients()) == [f"sb{i}@kommune.invalid" for i in range(3)]
    assert not Mail.objects.exclude(status=MailStatus.SENT).exists()
    assert _flags() == _fuld_scan()


def _venter_paa(holder_pid: int) -> bool:
    """Some backend waits for a lock the holder's connection has (the query text in
    pg_stat_activity is cut at 1 kB, so it cannot be matched reliably)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))",
            [holder_pid],
        )
        return cursor.fetchone()[0] > 0


def test_worker_draebt_midt_i_scanning_giver_samme_advarsler_som_en_ren_koersel(workdir, processer):
    today = timezone.localdate()
    kurs = [kompliant_forloeb(today) for _ in range(4)]
    Forloeb.objects.filter(pk=kurs[3].pk).update(maal="")
    kurs[1].statusrapporter.all().delete()
    services.scan(timezone.now() - dt.timedelta(days=1))  # yesterday's flags
    Forloeb.objects.filter(pk=kurs[3].pk).update(maal="Ordinært job.")  # one to close
    Forloeb.objects.filter(pk=kurs[0].pk).update(opgaver="")  # new ones to open
    Moede.objects.filter(forloeb=kurs[2]).delete()
    forventet = _fuld_scan()
    assert forventet != _flags()

    # Hold a flag of a late rule, so the scan stops there with earlier rules written.
    sene = Advarsel.objects.get(regel="STATUSRAPPORT_MANGLER", forloeb=kurs[1])
    params = pg.conn_params()
    holder = psycopg.connect(
        dbname=params["dbname"],
        host=params["host"],
        port=params["port"],
        user=params["user"],
        password=params["password"] or None,
    )
    try:
        holder.execute("SELECT id FROM compliance_advarsel WHERE id = %s FOR UPDATE", [sene.pk])
        redis = Redis(workdir).start()
        processer.append(redis)
        env = miljoe(redis.url)
        foerste = worker(env, workdir, "foerste").start()
        processer.append(foerste)
        # Not the current app: the suite's own tasks must keep using the suite's broker.
        Celery(broker=redis.url, set_as_current=False).send_task("compliance.scan")
        wait_until(lambda: _venter_paa(holder.info.backend_pid), timeout=60)
        foerste.kill()
    finally:
        holder.rollback()
        holder.close()
    assert _flags() != forventet  # nothing of the killed scan was committed

    # A new worker gets the unacknowledged task back after the visibility timeout.
    processer.append(worker(env, workdir, "anden").start())
    wait_until(lambda: _flags() == forventet, timeout=60)
    assert "compliance.scan" in processer[-1].output()


def test_smtp_der_afviser_en_tid_hver_oversigt_kommer_praecis_en_gang(
    workdir, processer, postkasse, settings
):
    settings.OUTBOX_DISPATCH_ON_COMMIT = True  # the digests' mails go to this test's worker
    today = timezone.localdate()
    kurs = _forloeb_med_mails(today, 4)
    for forloeb in kurs:
        Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="")
        forloeb.statusrapporter.all().delete()
    services.scan()
    user_with_role(Rolle.TEAMLEDER, team=kurs[0].team, email="leder@kommune.invalid")
    postkasse.refuse_first = 12
    redis = Redis(workdir).start()
    processer.append(redis)
    env = miljoe(redis.url, EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    env.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(postkasse.port)})
    processer.append(worker(env, workdir).start())

    with broker(redis.url):
        assert services.send_dagligt_overblik() == 8  # 4 caseworkers and 4 mentors
        assert services.send_dagligt_overblik() == 0  # a repeated run finds nothing new
        assert services.send_ugentligt_overblik() == 1
        assert services.send_ugentligt_overblik() == 0  # redelivered: this week's is stored

    forventet = sorted([f"sb{i}@kommune.invalid" for i in range(4)])
    forventet += [f"mentor{i}@kommune.invalid" for i in range(4)] + ["leder@kommune.invalid"]
    wait_until(lambda: not Mail.objects.filter(status=MailStatus.PENDING).exists(), timeout=90)
    assert postkasse.refused >= 12
    assert sorted(postkasse.recipients()) == sorted(forventet)
    mails = Mail.objects.all()
    assert all(m.status == MailStatus.SENT for m in mails)
    assert sum(m.attempts for m in mails) == 9 + postkasse.refused
