from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation og brugere")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .session import noter_adgangskode_login

        user_logged_in.connect(noter_adgangskode_login, dispatch_uid="organisation_login_metode")
