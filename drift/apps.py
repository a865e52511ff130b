from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DriftConfig(AppConfig):
    name = "drift"
    verbose_name = _("Drift")

    def ready(self):
        from .schedules import ensure_default_schedules

        post_migrate.connect(ensure_default_schedules, sender=self)
