from celery import shared_task
from django.utils import timezone

from . import mail, outbox
from .models import WorkerHeartbeat


@shared_task(bind=True, name="drift.heartbeat", expires=60, soft_time_limit=30, time_limit=60)
def heartbeat(self) -> int:
    """Record that a worker ran a task; keeps only the last day's rows."""
    now = timezone.now()
    row = WorkerHeartbeat.objects.create(hostname=self.request.hostname or "", seen_at=now)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timezone.timedelta(days=1)).delete()
    return row.pk


# Sweeps come every 30 s; one that waited longer than that is replaced by the next one.
@shared_task(name="drift.outbox_sweep", expires=30, soft_time_limit=60, time_limit=90)
def outbox_sweep() -> dict:
    """Dispatch outbox messages the broker missed, and forget old sent mails."""
    return {"afsendt": outbox.sweep(), "glemte_mails": mail.forget_old()}


@outbox.handler("drift.send_mail", soft_time_limit=60, time_limit=90)
def send_mail(*, mail_id: int) -> bool:
    """Send one stored mail (retried with backoff while the SMTP server refuses)."""
    return mail.deliver(mail_id=mail_id)
