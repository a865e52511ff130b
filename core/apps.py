from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing every app shares (HTTP helpers, API base, access logging).

    The lowest floor: imports no other Mentorsag app (see docs/arkitektur.md).
    """

    name = "core"
    verbose_name = _("Fælles")
