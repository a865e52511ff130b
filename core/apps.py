from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing every app shares (HTTP helpers, API base, access logging).

    Sits just above `organisation` and imports no domain app.
    """

    name = "core"
    verbose_name = _("Fælles")
