from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndlaesningConfig(AppConfig):
    name = "indlaesning"
    verbose_name = _("Indlæsning")
