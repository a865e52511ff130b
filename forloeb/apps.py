from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForloebConfig(AppConfig):
    name = "forloeb"
    verbose_name = _("Forløb")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .services.mentorer import knyt_mentorprofil_efter_login

        user_logged_in.connect(knyt_mentorprofil_efter_login, dispatch_uid="forloeb_mentorprofil")
