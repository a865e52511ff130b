"""Celery options for scheduled jobs that only need the database: while PostgreSQL
restarts they retry with exponential backoff instead of losing the run."""

from django.db import InterfaceError, OperationalError

DATABASE_RETRY = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "max_retries": 6,
}
