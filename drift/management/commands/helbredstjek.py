"""`manage.py helbredstjek web|beat`: the container health checks (docker-compose.yml).

web: the server answers /healthz at all (a 503 because Redis is down still means the web
process works; restarting it would not help). beat: a worker heartbeat, which beat
schedules every minute, was written in the last three minutes.
"""

import urllib.error
import urllib.request

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from drift.models import WorkerHeartbeat


class Command(BaseCommand):
    help = "Sundhedstjek til containere: web eller beat."

    def add_arguments(self, parser):
        parser.add_argument("del", choices=["web", "beat"])
        parser.add_argument("--url", default="http://127.0.0.1:8000/healthz")

    def handle(self, *args, **options):
        if options["del"] == "web":
            try:
                urllib.request.urlopen(options["url"], timeout=5)  # noqa: S310 (fixed local URL)
            except urllib.error.HTTPError as exc:
                if exc.code != 503:
                    raise CommandError(f"/healthz svarede {exc.code}") from None
            except OSError as exc:
                raise CommandError(f"webserveren svarer ikke: {exc}") from None
            return
        siden = timezone.now() - timezone.timedelta(minutes=3)
        if not WorkerHeartbeat.objects.filter(seen_at__gte=siden).exists():
            raise CommandError("intet hjerteslag de seneste 3 minutter (beat eller worker står)")
