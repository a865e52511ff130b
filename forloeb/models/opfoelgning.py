"""What happens during and after a course: meetings, work points, reports, follow-up, end."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import (
    TEKST,
    Afslutningsaarsag,
    Arbejdspunktstatus,
    Deltager,
    Leveret,
    Moedetype,
    Resultattype,
    Vurderer,
)

SKALA = [MinValueValidator(1), MaxValueValidator(5)]
SKALA_HJAELP = _("1 = langt fra, 5 = nået")


class Moede(models.Model):
    forloeb = models.ForeignKey("forloeb.Forloeb", on_delete=models.CASCADE, related_name="moeder")
    type = models.CharField(_("mødetype"), max_length=32, choices=Moedetype.choices)
    dato = models.DateField(_("dato"))
    deltagere = ArrayField(
        models.CharField(max_length=32, choices=Deltager.choices),
        default=list,
        blank=True,
        verbose_name=_("deltagere"),
    )
    referat = models.TextField(_("referat"), blank=True, validators=TEKST)
    beslutninger = models.TextField(_("beslutninger"), blank=True, validators=TEKST)
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    oprettet = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["dato"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.dato:%d.%m.%Y}"

    @property
    def deltagere_visning(self) -> list[str]:
        labels = dict(Deltager.choices)
        return [str(labels.get(k, k)) for k in self.deltagere]


class Arbejdspunkt(models.Model):
    """A SMART goal agreed at the start meeting."""

    forloeb = models.ForeignKey(
        "forloeb.Forloeb", on_delete=models.CASCADE, related_name="arbejdspunkter"
    )
    titel = models.CharField(_("arbejdspunkt"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Arbejdspunktstatus.choices,
        default=Arbejdspunktstatus.AKTIV,
    )
    oprettet = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("arbejdspunkt")
        verbose_name_plural = _("arbejdspunkter")
        ordering = ["oprettet"]

    def __str__(self) -> str:
        return self.titel


class Progressionsvurdering(models.Model):
    """One voice's rating of a work point; mentor and citizen are kept side by side."""

    arbejdspunkt = models.ForeignKey(
        Arbejdspunkt, on_delete=models.CASCADE, related_name="vurderinger"
    )
    dato = models.DateField(_("dato"), default=timezone.localdate)
    vurderet_af = models.CharField(_("vurderet af"), max_length=16, choices=Vurderer.choices)
    score = models.PositiveSmallIntegerField(
        _("vurdering"), validators=SKALA, help_text=SKALA_HJAELP
    )
    kommentar = models.TextField(_("kommentar"), blank=True, validators=TEKST)
    registreret_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("progressionsvurdering")
        verbose_name_plural = _("progressionsvurderinger")
        ordering = ["dato"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="progression_score_1_5",
                violation_error_message=_("Vurderingen skal være fra 1 til 5."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_vurderet_af_display()} {self.score}"


class Statusrapport(models.Model):
    forloeb = models.ForeignKey(
        "forloeb.Forloeb", on_delete=models.CASCADE, related_name="statusrapporter"
    )
    mentor = models.ForeignKey("forloeb.Mentor", on_delete=models.PROTECT)
    dato = models.DateField(_("dato"), default=timezone.localdate)
    tekst = models.TextField(_("status"), validators=TEKST)
    oprettet = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["dato"]

    def __str__(self) -> str:
        return _("Statusrapport %(dato)s") % {"dato": f"{self.dato:%d.%m.%Y}"}


class Opfoelgning(models.Model):
    """The caseworker's follow-up on delivery: was the service delivered as granted?"""

    forloeb = models.ForeignKey(
        "forloeb.Forloeb", on_delete=models.CASCADE, related_name="opfoelgninger"
    )
    dato = models.DateField(_("dato"), default=timezone.localdate)
    leveret = models.CharField(_("er indsatsen leveret?"), max_length=16, choices=Leveret.choices)
    kontakt_som_bevilget = models.BooleanField(_("kontakt som bevilget"))
    note = models.TextField(_("note"), blank=True, validators=TEKST)
    naeste_dato = models.DateField(_("næste opfølgning"), null=True, blank=True)
    udfoert_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    oprettet = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opfølgning på levering")
        verbose_name_plural = _("opfølgninger på levering")
        ordering = ["dato"]

    def __str__(self) -> str:
        return _("Opfølgning %(dato)s") % {"dato": f"{self.dato:%d.%m.%Y}"}


class Afslutning(models.Model):
    forloeb = models.OneToOneField(
        "forloeb.Forloeb", on_delete=models.CASCADE, related_name="afslutning"
    )
    dato = models.DateField(_("slutdato"))
    # Blank/null only for ends brought in incomplete (import, older systems): the service
    # demands all three, AFSLUTNING_UFULDSTAENDIG flags what is missing, and the caseworker
    # completes it afterwards (forloeb.services.fuldfoer_afslutning).
    aarsag = models.CharField(
        _("årsag"), max_length=32, choices=Afslutningsaarsag.choices, blank=True
    )
    borger_vurdering = models.PositiveSmallIntegerField(
        _("borgerens vurdering af, hvor tæt målet er"),
        validators=SKALA,
        help_text=SKALA_HJAELP,
        null=True,
        blank=True,
    )
    mentor_vurdering = models.PositiveSmallIntegerField(
        _("mentorens vurdering af, hvor tæt målet er"),
        validators=SKALA,
        help_text=SKALA_HJAELP,
        null=True,
        blank=True,
    )
    exitplan = models.TextField(_("exitplan"), blank=True, validators=TEKST)
    afsluttet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    oprettet = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afslutning")
        verbose_name_plural = _("afslutninger")
        constraints = [
            models.CheckConstraint(
                condition=Q(borger_vurdering__gte=1, borger_vurdering__lte=5)
                & Q(mentor_vurdering__gte=1, mentor_vurdering__lte=5),
                name="afslutning_vurderinger_1_5",
                violation_error_message=_("Vurderingerne skal være fra 1 til 5."),
            )
        ]

    def __str__(self) -> str:
        return _("Afsluttet %(dato)s") % {"dato": f"{self.dato:%d.%m.%Y}"}


class Resultat(models.Model):
    """Outcome 3, 6 and 12 months after the end, kept apart by kind."""

    class Maaned(models.IntegerChoices):
        TRE = 3, _("3 måneder")
        SEKS = 6, _("6 måneder")
        TOLV = 12, _("12 måneder")

    forloeb = models.ForeignKey(
        "forloeb.Forloeb", on_delete=models.CASCADE, related_name="resultater"
    )
    maaned = models.PositiveSmallIntegerField(_("måneder efter afslutning"), choices=Maaned.choices)
    resultat = models.CharField(_("resultat"), max_length=32, choices=Resultattype.choices)
    registreret = models.DateTimeField(auto_now_add=True)
    registreret_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resultat")
        verbose_name_plural = _("resultater")
        ordering = ["maaned"]
        constraints = [
            models.UniqueConstraint(
                fields=["forloeb", "maaned"],
                name="resultat_en_pr_maaned",
                violation_error_message=_("Resultatet for denne måned er allerede registreret."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_maaned_display()}: {self.get_resultat_display()}"
