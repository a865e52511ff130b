"""The access log: every look at personal data — who, when, what, from where.

It lives in the lowest floor so every app can record a look without importing another;
its foreign keys name the domain models by label only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Handling(models.TextChoices):
    VIS_BORGER = "vis_borger", _("Så borger")
    VIS_FORLOEB = "vis_forloeb", _("Så forløb")
    VIS_CPR = "vis_cpr", _("Så fuldt CPR-nummer")
    SOEG_CPR = "soeg_cpr", _("Søgte på CPR-nummer")
    EKSPORT = "eksport", _("Eksporterede data")
    API_LAES = "api_laes", _("Læste via API")
    INDSIGT = "indsigt", _("Indsigtsudtræk")
    ADMIN = "admin", _("Brugte administrationen (superbruger)")


class LoginMetode(models.TextChoices):
    """How the user behind a request logged in (kept in the session by the login)."""

    ADGANGSKODE = "adgangskode", _("Brugernavn og adgangskode")
    SAML = "saml", _("SAML (organisationens log-ind)")
    OIDC = "oidc", _("OpenID Connect (organisationens log-ind)")
    API_NOEGLE = "api_noegle", _("API-nøgle")


class Adgangslog(models.Model):
    """Append-only; the admin shows it read-only and the app never updates or deletes it."""

    tidspunkt = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("bruger")
    )
    handling = models.CharField(_("handling"), max_length=16, choices=Handling.choices)
    borger = models.ForeignKey(
        "forloeb.Borger",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adgangslog",
        verbose_name=_("borger"),
    )
    forloeb = models.ForeignKey(
        "forloeb.Forloeb",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adgangslog",
        verbose_name=_("forløb"),
    )
    beskrivelse = models.CharField(_("beskrivelse"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    login_metode = models.CharField(
        _("log-ind-metode"), max_length=16, choices=LoginMetode.choices, blank=True
    )

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["-tidspunkt"]
        indexes = [models.Index(fields=["borger", "-tidspunkt"], name="adgangslog_borger_tid")]

    def __str__(self) -> str:
        return f"{self.tidspunkt:%Y-%m-%d %H:%M} {self.bruger_id} {self.handling}"
