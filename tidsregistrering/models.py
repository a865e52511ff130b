"""Weekly contact registrations: one per course, ISO week and mentor.

A week normally has one registration. In the week of a mentor change each mentor
registers her own days in her own row, so neither can change the other's; the service
keeps the week's total within 37 hours.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forloeb.models import Emne

from .choices import IngenKontaktAarsag, Kontaktform


class UgeregistreringQuerySet(models.QuerySet):
    def for_uge(self, aar: int, uge: int):
        return self.filter(aar=aar, uge=uge)

    def godkendte(self):
        return self.filter(godkendt__isnull=False)


class Ugeregistrering(models.Model):
    forloeb = models.ForeignKey(
        "forloeb.Forloeb", on_delete=models.CASCADE, related_name="ugeregistreringer"
    )
    aar = models.PositiveSmallIntegerField(_("år (ISO)"))
    uge = models.PositiveSmallIntegerField(_("uge"))
    # First day (Monday) of the ISO week, stored so date queries need no ISO arithmetic.
    uge_start = models.DateField(_("ugens mandag"), db_index=True)
    mentor = models.ForeignKey(
        "forloeb.Mentor", on_delete=models.PROTECT, related_name="ugeregistreringer"
    )
    ingen_kontakt_aarsag = models.CharField(
        _("årsag til ingen kontakt"), max_length=32, choices=IngenKontaktAarsag.choices, blank=True
    )
    ingen_kontakt_note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    # Sum of the contacts' minutes, kept by the service so lists and dashboards need no join.
    minutter_i_alt = models.PositiveIntegerField(_("minutter i alt"), default=0)
    registreret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # A default, not auto_now_add: late entry is judged from this, and demo data backdates it.
    registreret = models.DateTimeField(_("registreret"), default=timezone.now, editable=False)
    aendret = models.DateTimeField(_("ændret"), auto_now=True)
    godkendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    godkendt = models.DateTimeField(_("godkendt"), null=True, blank=True)
    # The latest reopening of an approved week; every reopening is also in the history.
    genaabnet = models.DateTimeField(_("genåbnet"), null=True, blank=True)
    genaabnet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    genaabnet_begrundelse = models.TextField(_("begrundelse for genåbning"), blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = UgeregistreringQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ugeregistrering")
        verbose_name_plural = _("ugeregistreringer")
        ordering = ["aar", "uge"]
        constraints = [
            models.UniqueConstraint(
                fields=["forloeb", "aar", "uge", "mentor"],
                name="en_registrering_pr_uge_og_mentor",
                violation_error_message=_("Ugen er allerede registreret."),
            ),
            models.CheckConstraint(
                condition=Q(uge__gte=1, uge__lte=53),
                name="uge_1_53",
                violation_error_message=_("Ugen findes ikke."),
            ),
            models.CheckConstraint(
                condition=Q(minutter_i_alt__lte=37 * 60),
                name="hoejst_37_timer_pr_uge",
                violation_error_message=_("Højst 37 timer pr. uge."),
            ),
        ]
        indexes = [models.Index(fields=["mentor", "aar", "uge"])]

    def __str__(self) -> str:
        return _("Uge %(uge)s/%(aar)s") % {"uge": self.uge, "aar": self.aar}

    @property
    def timer(self):
        return round(self.minutter_i_alt / 60, 2)

    @property
    def er_godkendt(self) -> bool:
        return self.godkendt is not None

    @property
    def uge_slut(self):
        return self.uge_start + timedelta(days=6)


class Kontakt(models.Model):
    registrering = models.ForeignKey(
        Ugeregistrering, on_delete=models.CASCADE, related_name="kontakter"
    )
    dato = models.DateField(_("dato"))
    minutter = models.PositiveIntegerField(_("minutter"))
    form = models.CharField(_("kontaktform"), max_length=32, choices=Kontaktform.choices)
    emner = ArrayField(
        models.CharField(max_length=32, choices=Emne.choices),
        default=list,
        blank=True,
        verbose_name=_("emner"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        ordering = ["dato"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutter__gt=0),
                name="kontakt_minutter_positiv",
                violation_error_message=_("En kontakt skal vare mere end 0 minutter."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.dato:%d.%m.%Y} {self.minutter} min"

    @property
    def emner_visning(self) -> list[str]:
        labels = dict(Emne.choices)
        return [str(labels.get(e, e)) for e in self.emner]
