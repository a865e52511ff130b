from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OekonomiConfig(AppConfig):
    name = "oekonomi"
    verbose_name = _("Økonomi")
