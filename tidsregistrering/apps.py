from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TidsregistreringConfig(AppConfig):
    name = "tidsregistrering"
    verbose_name = _("Tidsregistrering")
