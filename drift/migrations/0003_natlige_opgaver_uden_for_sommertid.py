"""The nightly scan and snapshot ran at 02:15 and 02:45 Copenhagen time. On the last Sunday
of March that hour does not exist (beat then ran the scan at 03:15, alongside the retention
job), and on the last Sunday of October it comes twice. Rows still at those defaults move
to 01:15 and 01:45, an hour every night has once; a time an administrator chose is kept."""

from django.conf import settings
from django.db import migrations

FLYT = {
    "Compliance: natlig scanning": (("15", "2"), ("15", "1")),
    "Compliance: ugens tal pr. team": (("45", "2"), ("45", "1")),
}


def _flyt(apps, retning: int) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    for navn, tider in FLYT.items():
        (fra_minut, fra_time), (til_minut, til_time) = tider[::retning]
        opgave = PeriodicTask.objects.filter(
            name=navn,
            crontab__minute=fra_minut,
            crontab__hour=fra_time,
            crontab__day_of_week="*",
            crontab__day_of_month="*",
            crontab__month_of_year="*",
        ).first()
        if opgave is None:
            continue
        opgave.crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=til_minut,
            hour=til_time,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=opgave.crontab.timezone or settings.TIME_ZONE,
        )
        opgave.save(update_fields=["crontab"])


def frem(apps, schema_editor):
    _flyt(apps, 1)


def tilbage(apps, schema_editor):
    _flyt(apps, -1)


class Migration(migrations.Migration):
    dependencies = [
        ("drift", "0002_udbakke_og_mailudbakke"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(frem, tilbage)]
