"""Checks behind /healthz: database, Redis, and a Celery worker answering a ping."""

import redis
from django.conf import settings
from django.db import connection
from django.db.models import Count


def redis_client_url(url: str) -> str:
    # kombu spells a unix socket "redis+socket://"; redis-py spells it "unix://".
    if url.startswith("redis+socket://"):
        return "unix://" + url.removeprefix("redis+socket://")
    return url


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def check_redis() -> bool:
    try:
        client = redis.Redis.from_url(
            redis_client_url(settings.REDIS_URL), socket_connect_timeout=1, socket_timeout=1
        )
        return bool(client.ping())
    except Exception:
        return False


def check_celery(timeout: float = 1.0) -> bool:
    # The project's app (mentorsag/__init__.py makes it current); no import of config.
    from celery import current_app as app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            replies = app.control.ping(timeout=timeout, connection=conn)
        return bool(replies)
    except Exception:
        return False


def outbox_backlog() -> dict[str, int]:
    """What waits in the outbox and the mail outbox, and what was given up."""
    from .models import Mail, MailStatus, OutboxMessage

    mails = dict(
        Mail.objects.exclude(status=MailStatus.SENT)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {
        "opgaver_venter": OutboxMessage.objects.pending()
        .filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        .count(),
        "opgaver_opgivet": OutboxMessage.objects.given_up().count(),
        "mails_venter": mails.get(MailStatus.PENDING, 0),
        "mails_ikke_leveret": mails.get(MailStatus.FAILED, 0),
    }
