"""Default beat schedules, stored in the database (django-celery-beat).

They are created when missing after `migrate`, and never overwritten afterwards, so an
administrator's change in the admin survives a deploy.
"""

import json

# name: (task, crontab fields or {"every": seconds}, kwargs)
# Nothing runs between 02:00 and 03:00: that hour is skipped in March and doubled in
# October (tests/drift/test_sommertid.py).
DEFAULT_SCHEDULES = {
    "Hjerteslag fra worker": ("drift.heartbeat", {"minute": "*"}, {}),
    # Hands the broker what it missed (Redis down at commit time, a lost message) and
    # retries failed mail; see docs/drift.md.
    "Udbakke: send ventende opgaver og e-mails": ("drift.outbox_sweep", {"every": 30}, {}),
    "Compliance: natlig scanning": ("compliance.scan", {"minute": "15", "hour": "1"}, {}),
    "Compliance: let scanning i dagtimerne": (
        "compliance.let_scan",
        {"minute": "0", "hour": "7-17", "day_of_week": "1-5"},
        {},
    ),
    "Compliance: ugens tal pr. team": ("compliance.snapshot", {"minute": "45", "hour": "1"}, {}),
    "Compliance: dagligt overblik over nye advarsler": (
        "compliance.dagligt_overblik",
        {"minute": "0", "hour": "6", "day_of_week": "1-5"},
        {},
    ),
    "Compliance: ugentligt overblik til teamledere": (
        "compliance.ugentligt_overblik",
        {"minute": "30", "hour": "6", "day_of_week": "1"},
        {},
    ),
    "Opbevaring: pseudonymisering og adgangslog": (
        "privacy.opbevaring",
        {"minute": "15", "hour": "3"},
        {},
    ),
}


def ensure_default_schedules(**kwargs) -> None:
    from django.conf import settings
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    for name, (task, cron, task_kwargs) in DEFAULT_SCHEDULES.items():
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        if "every" in cron:
            interval, _ = IntervalSchedule.objects.get_or_create(
                every=cron["every"], period=IntervalSchedule.SECONDS
            )
            PeriodicTask.objects.create(
                name=name, task=task, interval=interval, kwargs=json.dumps(task_kwargs)
            )
            continue
        fields = {
            "minute": "0",
            "hour": "*",
            "day_of_week": "*",
            "day_of_month": "*",
            "month_of_year": "*",
            **cron,
        }
        schedule, _ = CrontabSchedule.objects.get_or_create(timezone=settings.TIME_ZONE, **fields)
        PeriodicTask.objects.create(
            name=name, task=task, crontab=schedule, kwargs=json.dumps(task_kwargs)
        )
