from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """Written by a beat-scheduled task, so /healthz can tell that worker and beat run."""

    hostname = models.CharField(max_length=200)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("worker-hjerteslag")
        verbose_name_plural = _("worker-hjerteslag")

    def __str__(self) -> str:
        return f"{self.hostname} {self.seen_at:%Y-%m-%d %H:%M}"
