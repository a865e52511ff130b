"""The Celery app: Redis broker, settings from Django (the CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorsag.settings")

app = Celery("mentorsag")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
