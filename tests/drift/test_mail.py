"""The mail outbox: stored once, sent once, retried with backoff against a real SMTP
server that refuses, and left visible to the administrator when undeliverable."""

import datetime as dt

import pytest
from django.utils import timezone

from drift import mail, outbox
from drift.models import Mail, MailStatus, OutboxMessage
from drift.tasks import send_mail
from organisation.models import Rolle
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _queue(user, key="test:1"):
    return mail.queue(key=key, recipient=user, subject="Emne", body="Tekst")


def test_samme_noegle_gemmes_en_gang():
    user = user_with_role(Rolle.SAGSBEHANDLER, email="sb@kommune.invalid")
    first = _queue(user)
    assert first.status == MailStatus.PENDING
    assert _queue(user) is None
    assert Mail.objects.count() == 1
    assert OutboxMessage.objects.filter(task_name="drift.send_mail").count() == 1


def test_sendes_en_gang_med_fast_message_id(postkasse):
    user = user_with_role(Rolle.SAGSBEHANDLER, email="sb@kommune.invalid")
    stored = _queue(user)
    assert mail.deliver(mail_id=stored.pk) is True
    assert mail.deliver(mail_id=stored.pk) is False
    assert postkasse.recipients() == ["sb@kommune.invalid"]
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (MailStatus.SENT, 1)
    assert postkasse.accepted[0]["Message-ID"] == mail.message_id(stored)


def test_midlertidig_afvisning_giver_nyt_forsoeg_med_stigende_pause(postkasse, settings):
    settings.MAIL_RETRY_BASE_SECONDS = 30
    settings.MAIL_MAX_ATTEMPTS = 3
    postkasse.refuse_with = "451 4.3.0 Prøv igen senere"
    stored = _queue(user_with_role(Rolle.SAGSBEHANDLER, email="sb@kommune.invalid"))
    pauser = []
    for _ in range(2):
        with pytest.raises(outbox.RetryLater) as exc:
            mail.deliver(mail_id=stored.pk)
        pauser.append(exc.value.countdown)
    assert pauser == [30, 60]
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (MailStatus.PENDING, 2)
    assert "451" in stored.last_error
    assert mail.deliver(mail_id=stored.pk) is False  # the third and last attempt
    stored.refresh_from_db()
    assert stored.status == MailStatus.FAILED
    assert postkasse.accepted == []


def test_varig_afvisning_er_ikke_leveret_med_det_samme(postkasse):
    postkasse.refuse_with = "550 5.1.1 Ukendt modtager"
    stored = _queue(user_with_role(Rolle.SAGSBEHANDLER, email="sb@kommune.invalid"))
    assert mail.deliver(mail_id=stored.pk) is False
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (MailStatus.FAILED, 1)
    assert "550" in stored.last_error


def test_utilgaengelig_server_udskyder_opgaven_og_forsoeget_gemmes(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    stored = _queue(user_with_role(Rolle.SAGSBEHANDLER, email="sb@kommune.invalid"))
    message = OutboxMessage.objects.get(task_name="drift.send_mail")
    before = timezone.now()
    assert send_mail(outbox_id=message.pk) is None
    message.refresh_from_db()
    stored.refresh_from_db()
    # The mail's own attempt record survives the retry; the message waits for its time.
    assert stored.attempts == 1 and "ConnectionRefusedError" in stored.last_error
    assert message.processed_at is None and message.attempts == 1
    assert message.available_at >= before + dt.timedelta(seconds=settings.MAIL_RETRY_BASE_SECONDS)
    assert message.pk not in outbox.due(timezone.now()).values_list("pk", flat=True)


def test_modtager_uden_adresse_ses_af_administratoren_og_kan_sendes_igen(postkasse, admin_client):
    user = user_with_role(Rolle.SAGSBEHANDLER, email="")
    stored = _queue(user)
    assert stored.status == MailStatus.FAILED
    assert stored.last_error == mail.INGEN_ADRESSE
    assert not OutboxMessage.objects.exists()

    page = admin_client.get("/admin/drift/mail/?status=ikke_leveret").content.decode()
    assert "Modtageren har ingen e-mailadresse." in page
    assert "Ikke leveret" in page
    assert "Tekst" not in page  # the text itself is case content

    user.email = "ny@kommune.invalid"
    user.save()
    response = admin_client.post(
        "/admin/drift/mail/", {"action": "send_igen", "_selected_action": [stored.pk]}
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert (stored.status, stored.to_address) == (MailStatus.PENDING, "ny@kommune.invalid")
    message = OutboxMessage.objects.get(task_name="drift.send_mail")
    send_mail(outbox_id=message.pk)
    assert postkasse.recipients() == ["ny@kommune.invalid"]


def test_gamle_sendte_mails_slettes(settings):
    stored = _queue(user_with_role(Rolle.SAGSBEHANDLER, email="sb@kommune.invalid"))
    Mail.objects.filter(pk=stored.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now() - dt.timedelta(days=31)
    )
    settings.MAIL_KEEP_DAYS = 30
    assert mail.forget_old() == 1
