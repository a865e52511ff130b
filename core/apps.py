import axes.apps
import django.contrib.admin.apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing every app shares (HTTP helpers, API base, access logging).

    The lowest floor: imports no other Mentorsag app (see docs/arkitektur.md).
    """

    name = "core"
    verbose_name = _("Fælles")


class AxesConfig(axes.apps.AppConfig):
    """django-axes under a Danish heading in the admin (its own config has no verbose_name
    to translate). Same app label, so its migrations and tables are untouched."""

    verbose_name = _("Loginforsøg")


class AdminConfig(django.contrib.admin.apps.AdminConfig):
    """Django's admin on core.adminsite.LoggetAdminSite: a superuser's every admin view is
    written to the access log."""

    default = False  # "core" in INSTALLED_APPS stays CoreConfig
    default_site = "core.adminsite.LoggetAdminSite"
