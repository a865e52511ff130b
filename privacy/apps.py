from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The citizen's rights and the audit trail: change history, who looked (access-log
    screens), the subject-access export, retention and pseudonymisation."""

    name = "privacy"
    verbose_name = _("Privatliv og revision")
