"""A record of each import that wrote something: who, when, which file, what came of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Indlaesning(models.Model):
    """One import: from the command (recorded when it wrote something) or from the upload
    screen (recorded from the upload, the report kept also for a dry run)."""

    class Status(models.TextChoices):
        VENTER = "venter", _("Venter")
        FAERDIG = "faerdig", _("Færdig")
        FEJLET = "fejlet", _("Fejlet")

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indlæst af"),
    )
    filnavn = models.CharField(_("fil"), max_length=255)
    tidspunkt = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.FAERDIG
    )
    ugefilnavn = models.CharField(_("ugefil"), max_length=255, blank=True)
    gem = models.BooleanField(_("gem (ikke prøvekørsel)"), default=True)
    delvis = models.BooleanField(_("gem de gyldige forløb"), default=False)
    skrevet = models.BooleanField(_("gemt"), default=True)
    # The uploaded files, kept only until the run has read them (they hold CPR numbers).
    forloebsfil = models.BinaryField(default=bytes)
    ugefil = models.BinaryField(default=bytes)
    afsluttet = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    oprettet_antal = models.PositiveIntegerField(_("oprettet"), default=0)
    opdateret_antal = models.PositiveIntegerField(_("opdateret"), default=0)
    uaendret_antal = models.PositiveIntegerField(_("uændret"), default=0)
    fejl_antal = models.PositiveIntegerField(_("med fejl"), default=0)
    # The report's lines (row, sagsnummer, status, column, message): no CPR, no names.
    rapport = models.JSONField(_("rapport"), default=list)

    class Meta:
        verbose_name = _("indlæsning")
        verbose_name_plural = _("indlæsninger")
        ordering = ["-tidspunkt"]

    def __str__(self) -> str:
        return f"{self.filnavn} {self.tidspunkt:%d.%m.%Y %H:%M}"
