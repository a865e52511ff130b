"""The mail outbox: every e-mail is stored first and sent by a task, at most once.

`queue()` stores the mail in the caller's transaction and enqueues its sending through
the outbox (drift/outbox.py), so a job that fails halfway leaves nothing half-mailed and a
job that runs twice finds its mail by `key`. `deliver()` locks the row, sends and records
the result in one transaction: a mail marked sent is never sent again. A refusing or
unreachable SMTP server means a retry with exponential backoff; a permanent refusal (5xx)
or too many attempts leaves the mail "Ikke leveret" in the admin, where the administrator
sees why and can send it again.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone

from . import outbox
from .models import Mail, MailStatus

log = logging.getLogger(__name__)

INGEN_ADRESSE = "Modtageren har ingen e-mailadresse."


def queue(*, key: str, subject: str, body: str, recipient=None, to_address: str | None = None):
    """Store a mail for sending; returns it, or None when `key` was queued before.

    A recipient without an address gets a mail marked undeliverable at once, so the
    administrator sees whom Mentorsag could not reach instead of it vanishing.
    """
    if to_address is None:
        to_address = getattr(recipient, "email", "") or ""
    mail, created = Mail.objects.get_or_create(
        key=key[:200],
        defaults={
            "recipient": recipient,
            "to_address": to_address,
            "subject": subject[:300],
            "body": body,
            "status": MailStatus.PENDING if to_address else MailStatus.FAILED,
            "last_error": "" if to_address else INGEN_ADRESSE,
        },
    )
    if not created:
        return None
    if to_address:
        outbox.enqueue("drift.send_mail", mail_id=mail.pk)
    else:
        log.warning("mail %s not sendable: recipient has no address", mail.pk)
    return mail


def _permanent(exc: Exception) -> bool:
    """A 5xx answer will not change by trying again (except a login problem, which the
    operator fixes in the settings)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return False
    code = getattr(exc, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600


def _describe(exc: Exception) -> str:
    code = getattr(exc, "smtp_code", None)
    text = getattr(exc, "smtp_error", b"")
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if code:
        return f"{type(exc).__name__}: {code} {text}".strip()
    return f"{type(exc).__name__}: {exc}"


def message_id(mail: Mail) -> str:
    """The same Message-ID on every attempt, so a receiver can tell a repeat."""
    digest = hashlib.sha256(mail.key.encode()).hexdigest()[:16]
    return f"<mentorsag.{mail.pk}.{digest}@{DNS_NAME}>"


def deliver(*, mail_id: int) -> bool:
    """Send one stored mail if it still waits; returns True when it was sent now."""
    retry = None
    with transaction.atomic():
        mail = Mail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != MailStatus.PENDING:
            return False
        mail.attempts += 1
        mail.last_attempt_at = timezone.now()
        message = EmailMessage(
            mail.subject,
            mail.body,
            settings.DEFAULT_FROM_EMAIL,
            [mail.to_address],
            headers={"Message-ID": message_id(mail)},
        )
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as exc:
            mail.last_error = _describe(exc)[:2000]
            if _permanent(exc) or mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
                mail.status = MailStatus.FAILED
                mail.save()
                log.warning("mail %s undeliverable after %s attempt(s)", mail.pk, mail.attempts)
                return False
            mail.save()
            # Raised after this block, so the attempt just recorded is kept.
            retry = outbox.RetryLater(
                mail.last_error,
                countdown=outbox.backoff(
                    mail.attempts, settings.MAIL_RETRY_BASE_SECONDS, settings.MAIL_RETRY_MAX_SECONDS
                ),
            )
        else:
            mail.status = MailStatus.SENT
            mail.sent_at = timezone.now()
            mail.last_error = ""
            mail.save()
    if retry is not None:
        raise retry
    return True


@transaction.atomic
def send_again(mail: Mail) -> bool:
    """The administrator's "send igen" for an undeliverable mail, to the recipient's
    current address. Returns False when there is still no address."""
    mail = Mail.objects.select_for_update().get(pk=mail.pk)
    if mail.status != MailStatus.FAILED:
        return False
    if mail.recipient_id and mail.recipient.email:
        mail.to_address = mail.recipient.email
    if not mail.to_address:
        return False
    mail.status = MailStatus.PENDING
    mail.attempts = 0
    mail.last_error = ""
    mail.save()
    outbox.enqueue("drift.send_mail", mail_id=mail.pk)
    return True


def forget_old(now=None) -> int:
    """Sent mails are kept for a while for the record, then deleted (they name people)."""
    now = now or timezone.now()
    deleted, _ = Mail.objects.filter(
        status=MailStatus.SENT, sent_at__lt=now - timezone.timedelta(days=settings.MAIL_KEEP_DAYS)
    ).delete()
    return deleted
