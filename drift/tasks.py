from celery import shared_task
from django.utils import timezone

from .models import WorkerHeartbeat


@shared_task(bind=True, name="drift.heartbeat")
def heartbeat(self) -> int:
    """Record that a worker ran a task; keeps only the last day's rows."""
    now = timezone.now()
    row = WorkerHeartbeat.objects.create(hostname=self.request.hostname or "", seen_at=now)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timezone.timedelta(days=1)).delete()
    return row.pk
