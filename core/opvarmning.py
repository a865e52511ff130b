"""What a gunicorn worker does once before its first request (mentorsag/gunicorn_conf.py).

Without it the first request each worker serves pays for the URL resolver, the Danish
catalogues, compiling the templates it touches and the database connection; under load
those first requests queue behind each other and the first minute's p95 spikes.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.template import TemplateDoesNotExist, TemplateSyntaxError

log = logging.getLogger(__name__)


def varm_op() -> None:
    from django.db import connections
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver()._populate()
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Log ind")
    # The project's own templates into the cached loader (forms' field templates too).
    engine = engines["django"]
    root = Path(settings.BASE_DIR) / "templates"
    for path in sorted(root.rglob("*.html")):
        name = str(path.relative_to(root))
        try:
            engine.get_template(name)
        except (TemplateSyntaxError, TemplateDoesNotExist):
            # One broken page must not keep the worker from starting; it fails on its own.
            log.warning("Skabelonen %s kunne ikke indlæses ved opstart", name, exc_info=True)
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as exc:
            # A database that is down at start must not keep the worker from starting (it
            # would be restarted in a loop); the requests answer 503 until it is back.
            log.warning("Databasen %s svarede ikke ved opstart (%s)", alias, type(exc).__name__)
