"""A transactional outbox: work that a write must trigger is never lost to a broker outage.

`enqueue()` stores the message in the write's own transaction, and after commit the
message is handed to Celery at once when the broker answers. When it does not, the write
still succeeds; the message waits for the periodic `sweep()` (beat, drift/schedules.py),
which also re-dispatches a message that was handed over but never processed (lost with a
killed Redis, or with a worker killed mid-task). A message may therefore be delivered more
than once; `handler()` makes the processing happen once: the worker locks the message row
and sets `processed_at` in the same transaction as the work itself.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from datetime import timedelta

from celery import shared_task
from celery.exceptions import Retry
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)

# Monotonic time until which this process does not try the broker again after a failed
# dispatch, so writes stay fast while Redis is down (the sweep catches up).
_broker_down_until = 0.0


class RetryLater(Exception):  # noqa: N818 (a control-flow signal, not an error)
    """Raised by a handler: keep what it wrote, leave the message unprocessed, and try
    again after `countdown` seconds (exponential backoff by attempts when not given)."""

    def __init__(self, error: str, countdown: float | None = None):
        super().__init__(error)
        self.error = error
        self.countdown = countdown


def enqueue(task_name: str, **kwargs) -> OutboxMessage:
    """Store `task_name(**kwargs)` for after commit; call it inside the write's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.enqueue() must be called inside the write's transaction")
    message = OutboxMessage.objects.create(task_name=task_name, kwargs=kwargs)
    if settings.OUTBOX_DISPATCH_ON_COMMIT:
        transaction.on_commit(functools.partial(dispatch, [message.pk]))
    return message


def backoff(attempts: int, base: float | None = None, maximum: float | None = None) -> float:
    """Seconds before try number `attempts + 1`: base, 2·base, 4·base … capped."""
    base = settings.OUTBOX_RETRY_BASE_SECONDS if base is None else base
    maximum = settings.OUTBOX_RETRY_MAX_SECONDS if maximum is None else maximum
    return min(base * 2 ** max(attempts - 1, 0), maximum)


def dispatch(ids: list[int], *, force: bool = False) -> int:
    """Hand the given unprocessed messages to the broker; returns how many went.

    Never raises: it runs after the write has committed, and a broker outage must not
    turn a saved write into an error page. What is not sent stays for the sweep.
    """
    global _broker_down_until
    if not force and time.monotonic() < _broker_down_until:
        return 0
    sent = 0
    try:
        # The project's Celery app (mentorsag/__init__.py makes it current); config is not
        # imported from a lower floor.
        from celery import current_app as app

        messages = list(OutboxMessage.objects.filter(pk__in=ids, processed_at__isnull=True))
        if not messages:
            return 0
        with app.connection_for_write() as conn:
            conn.ensure_connection(
                max_retries=1,
                interval_start=0,
                interval_step=0,
                timeout=settings.OUTBOX_BROKER_TIMEOUT,
            )
            for message in messages:
                app.send_task(
                    message.task_name,
                    kwargs={**message.kwargs, "outbox_id": message.pk},
                    connection=conn,
                    retry=False,
                )
                OutboxMessage.objects.filter(pk=message.pk).update(dispatched_at=timezone.now())
                sent += 1
    except Exception as exc:  # broker or database unreachable: the sweep tries again
        _broker_down_until = time.monotonic() + settings.OUTBOX_BROKER_PAUSE_SECONDS
        log.warning(
            "outbox: %s message(s) left for the sweep (%s)", len(ids) - sent, type(exc).__name__
        )
        # The database may be the part that is down; then there is nothing to note.
        with contextlib.suppress(Exception):
            OutboxMessage.objects.filter(pk__in=ids, dispatched_at__isnull=True).update(
                last_error=f"Køen kunne ikke nås: {type(exc).__name__}"
            )
    else:
        _broker_down_until = 0.0
    return sent


def due(now=None):
    """Messages the sweep hands over: never dispatched, due for a retry, or dispatched so
    long ago (OUTBOX_REDISPATCH_SECONDS) that the broker or a worker must have lost them."""
    now = now or timezone.now()
    lost_before = now - timedelta(seconds=settings.OUTBOX_REDISPATCH_SECONDS)
    return (
        OutboxMessage.objects.pending()
        .filter(available_at__lte=now, attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=lost_before))
        .order_by("available_at", "id")
    )


def sweep(now=None, limit: int = 1000) -> int:
    """Dispatch what is due (see `due`) and forget processed messages after a while."""
    now = now or timezone.now()
    ids = list(due(now).values_list("pk", flat=True)[:limit])
    sent = dispatch(ids, force=True) if ids else 0
    OutboxMessage.objects.filter(
        processed_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    ).delete()
    if ids:
        log.info("outbox sweep: %s of %s message(s) dispatched", sent, len(ids))
    return sent


def retry_now(message: OutboxMessage) -> None:
    """An administrator's "try again": a given-up message starts over."""
    with transaction.atomic():
        OutboxMessage.objects.filter(pk=message.pk, processed_at__isnull=True).update(
            attempts=0, available_at=timezone.now(), dispatched_at=None
        )
        transaction.on_commit(functools.partial(dispatch, [message.pk], force=True))


def handler(name: str, *, batch_size: int | None = None, **task_options):
    """Declare the Celery task `name` whose outbox messages are processed exactly once.

    The task runs `fn(**kwargs)` inside the transaction that locks its message and marks
    it processed, so `fn` must do its work in the database (or be safe to redo, like
    sending a mail it records as sent in the same transaction). Called without an
    `outbox_id` (a person in the shell), it simply runs `fn`.

    With `batch_size`, `fn` gets a list of kwargs instead: the message and up to
    `batch_size - 1` other due messages of the same task, claimed together (SKIP LOCKED),
    so a backlog after an outage is worked off in a few runs, not one run per message.
    """

    def decorate(fn):
        @shared_task(name=name, bind=True, **task_options)
        @functools.wraps(fn)
        def task(self, outbox_id: int | None = None, **kwargs):
            if outbox_id is None:
                return fn([kwargs]) if batch_size else fn(**kwargs)
            return _process(self, outbox_id, fn, batch_size)

        return task

    return decorate


def _claim(outbox_id: int, batch_size: int | None) -> list[OutboxMessage]:
    """Lock the message (waiting for a concurrent delivery of it) and, for a batch, other
    due ones that nobody else holds."""
    message = OutboxMessage.objects.select_for_update().filter(pk=outbox_id).first()
    if message is None or message.processed_at is not None:
        return []
    claimed = [message]
    if batch_size and batch_size > 1:
        claimed += list(
            OutboxMessage.objects.pending()
            .select_for_update(skip_locked=True)
            .filter(
                task_name=message.task_name,
                available_at__lte=timezone.now(),
                attempts__lt=settings.OUTBOX_MAX_ATTEMPTS,
            )
            .exclude(pk=message.pk)
            .order_by("id")[: batch_size - 1]
        )
    return claimed


def _process(task, outbox_id: int, fn, batch_size: int | None = None):
    later: RetryLater | None = None
    failure: Exception | None = None
    result = None
    with transaction.atomic():
        claimed = _claim(outbox_id, batch_size)
        if not claimed:
            log.info("outbox: message %s already processed; skipped", outbox_id)
            return None
        message = claimed[0]
        ids = [m.pk for m in claimed]
        try:
            with transaction.atomic():
                try:
                    if batch_size:  # noqa: SIM108 (two calling conventions, kept apart)
                        result = fn([m.kwargs for m in claimed])
                    else:
                        result = fn(**message.kwargs)
                except RetryLater as exc:
                    later = exc  # the handler's own writes (its attempt record) are kept
        except Exception as exc:  # rolled back to the savepoint; record it, retry later
            failure = exc
        now = timezone.now()
        if later is None and failure is None:
            OutboxMessage.objects.filter(pk__in=ids).update(processed_at=now, last_error="")
            log.info(
                "outbox: %s processed: message(s) %s",
                message.task_name,
                ", ".join(map(str, ids)),
            )
            return result
        attempts = message.attempts + 1
        error = (later.error if later else f"{type(failure).__name__}: {failure}")[:2000]
        delay = later.countdown if later and later.countdown is not None else backoff(attempts)
        available_at = now + timedelta(seconds=delay)
        for m in claimed:
            m.attempts += 1
            m.last_error = error
            m.available_at = available_at
            # A retry Celery holds back counts as dispatched for when it is due; the sweep
            # only steps in if it never arrives. The rest of a batch waits for the sweep.
            m.dispatched_at = available_at if later and m is message else None
        OutboxMessage.objects.bulk_update(
            claimed, ["attempts", "last_error", "available_at", "dispatched_at"]
        )
    log.warning(
        "outbox: %s attempt %s failed for message(s) %s; next try in %.0f s",
        message.task_name,
        attempts,
        ", ".join(map(str, ids)),
        delay,
    )
    if failure is not None:
        raise failure
    if task.request.called_directly:
        return None  # run in-process (tests, shell): the sweep sends it when due
    try:
        task.retry(
            kwargs={**message.kwargs, "outbox_id": message.pk}, countdown=delay, max_retries=None
        )
    except Retry:
        raise
    except Exception:
        # The broker refused the retry: the sweep sends it when it is due.
        OutboxMessage.objects.filter(pk=message.pk).update(dispatched_at=None)
    return None
