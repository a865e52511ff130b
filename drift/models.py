from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
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


class OutboxMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(processed_at__isnull=True)

    def given_up(self):
        return self.pending().filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS)


class OutboxMessage(models.Model):
    """Work a write must trigger, stored in the write's own transaction (drift/outbox.py).

    `dispatched_at` is when it was handed to the broker (or is due to be, for a retry
    Celery holds back); `processed_at` is set in the transaction that did the work, so a
    redelivered or re-dispatched message is processed once.
    """

    task_name = models.CharField(_("opgave"), max_length=200)
    kwargs = models.JSONField(_("argumenter"), default=dict)
    created = models.DateTimeField(_("oprettet"), default=timezone.now)
    available_at = models.DateTimeField(_("tidligst"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("sendt til kø"), null=True, blank=True)
    processed_at = models.DateTimeField(_("udført"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("mislykkede forsøg"), default=0)
    last_error = models.TextField(_("seneste fejl"), blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("opgave i udbakken")
        verbose_name_plural = _("udbakke (opgaver)")
        ordering = ["created", "id"]
        indexes = [
            models.Index(
                fields=["available_at"],
                condition=Q(processed_at__isnull=True),
                name="outbox_pending_available",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"


class MailStatus(models.TextChoices):
    PENDING = "venter", _("Venter")
    SENT = "sendt", _("Sendt")
    FAILED = "ikke_leveret", _("Ikke leveret")


class Mail(models.Model):
    """One e-mail, stored before it is sent (drift/mail.py): sent by a task with retries,
    at most once, and left visible to the administrator when it cannot be delivered.

    `key` names what the mail is (e.g. one team leader's weekly digest for one week), so
    a job that runs twice stores it once.
    """

    key = models.CharField(_("nøgle"), max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modtager"),
    )
    to_address = models.EmailField(_("e-mailadresse"), blank=True)
    subject = models.CharField(_("emne"), max_length=300)
    body = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=20, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    created = models.DateTimeField(_("oprettet"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("forsøg"), default=0)
    last_attempt_at = models.DateTimeField(_("seneste forsøg"), null=True, blank=True)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails (udbakke)")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["status", "created"], name="mail_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sendt") | Q(sent_at__isnull=False),
                name="mail_sendt_har_tid",
                violation_error_message=_("En sendt mail skal have et afsendelsestidspunkt."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_address or '—'}"
