"""The nightly jobs run exactly once each night, also the two nights the clocks change:
beat's own schedule objects are asked minute by minute, the way beat asks them."""

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from drift.schedules import DEFAULT_SCHEDULES, ensure_default_schedules

pytestmark = pytest.mark.django_db

KBH = ZoneInfo("Europe/Copenhagen")
NATLIGE = [
    n
    for n, (_t, cron, _k) in DEFAULT_SCHEDULES.items()
    if cron.get("day_of_week", "*") == "*" and "hour" in cron
]
flyt = importlib.import_module("drift.migrations.0003_natlige_opgaver_uden_for_sommertid")


def _koersler(opgave: PeriodicTask, fra: dt.datetime, til: dt.datetime) -> list[dt.datetime]:
    """When beat would start the task between `fra` and `til`, checking every minute."""
    plan = opgave.schedule
    # Step in UTC: arithmetic on a Copenhagen time is wall-clock and would walk through
    # 02:30 on the night that hour does not exist.
    fra, til = fra.astimezone(dt.UTC), til.astimezone(dt.UTC)
    sidst = fra
    koersler = []
    with time_machine.travel(fra, tick=False) as rejse:
        t = fra
        while t < til:
            rejse.move_to(t)
            if plan.is_due(sidst).is_due:
                koersler.append(t.astimezone(KBH))
                sidst = t
            t += dt.timedelta(minutes=1)
    return koersler


@pytest.mark.parametrize("nat", [dt.date(2027, 3, 27), dt.date(2027, 10, 30), dt.date(2027, 6, 5)])
@pytest.mark.parametrize("navn", NATLIGE)
def test_natlige_opgaver_koerer_een_gang_hver_nat_ogsaa_naar_uret_stilles(nat, navn):
    ensure_default_schedules()
    opgave = PeriodicTask.objects.get(name=navn)
    fra = dt.datetime.combine(nat, dt.time(12), tzinfo=KBH)
    koersler = _koersler(opgave, fra, fra + dt.timedelta(days=2))
    assert [k.date() for k in koersler] == [nat + dt.timedelta(days=1), nat + dt.timedelta(days=2)]
    assert all(k.hour == koersler[0].hour and k.minute == koersler[0].minute for k in koersler)


@pytest.mark.parametrize("nat", [dt.date(2027, 3, 27), dt.date(2027, 10, 30)])
def test_ugens_tal_tages_efter_nattens_scanning_ogsaa_naar_uret_stilles(nat):
    ensure_default_schedules()
    fra = dt.datetime.combine(nat, dt.time(12), tzinfo=KBH)
    til = fra + dt.timedelta(days=1)
    (scan,) = _koersler(PeriodicTask.objects.get(name="Compliance: natlig scanning"), fra, til)
    (tal,) = _koersler(PeriodicTask.objects.get(name="Compliance: ugens tal pr. team"), fra, til)
    assert tal - scan == dt.timedelta(minutes=30)


def test_ingen_standardopgave_ligger_i_timen_der_forsvinder_eller_kommer_to_gange():
    for navn, (_task, cron, _kw) in DEFAULT_SCHEDULES.items():
        assert cron.get("hour") != "2", navn


def test_eksisterende_natlige_tider_flyttes_men_en_valgt_tid_bevares():
    ensure_default_schedules()
    scan = PeriodicTask.objects.get(name="Compliance: natlig scanning")
    snapshot = PeriodicTask.objects.get(name="Compliance: ugens tal pr. team")
    # As a deployment from before the move has them: the scan at the old default, and the
    # snapshot moved by an administrator to 04:10.
    scan.crontab = CrontabSchedule.objects.create(
        minute="15", hour="2", timezone="Europe/Copenhagen"
    )
    scan.save()
    snapshot.crontab = CrontabSchedule.objects.create(
        minute="10", hour="4", timezone="Europe/Copenhagen"
    )
    snapshot.save()

    flyt.frem(apps, None)

    scan.refresh_from_db()
    snapshot.refresh_from_db()
    assert (scan.crontab.hour, scan.crontab.minute) == ("1", "15")
    assert (snapshot.crontab.hour, snapshot.crontab.minute) == ("4", "10")
