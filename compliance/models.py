"""Compliance flags, the rule thresholds, weekly snapshots and internal sample audits."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tidsregistrering.choices import Kontaktform


def kontaktformer_ret_og_pligt() -> list[str]:
    """Meetings in person (with the citizen, at an appointment, a network meeting)."""
    return [Kontaktform.FYSISK, Kontaktform.LEDSAGELSE, Kontaktform.NETVAERKSMOEDE]


class Regelindstillinger(models.Model):
    """The thresholds of the rule catalogue: one row, edited by an administrator in the admin."""

    aftale_dage = models.PositiveSmallIntegerField(
        _("aftale udleveret senest (dage efter periodestart)"), default=14
    )
    periode_udloeber_dage = models.PositiveSmallIntegerField(
        _("varsel før periodens udløb (dage)"), default=14
    )
    trepartsmoede_uger = models.PositiveSmallIntegerField(
        _("trepartsmøde senest (uger efter første periodes start)"), default=4
    )
    ingen_kontakt_uger = models.PositiveSmallIntegerField(
        _("uger uden kontakt før advarsel"), default=2
    )
    # L 66 (2015-16) changed the ret og pligt minimum from weekly contact to contact once
    # every other week; the remarks ask for meetings in person, other forms only when
    # special circumstances speak for it. Both are settings (see docs/regler.md).
    ingen_kontakt_uger_ret_og_pligt = models.PositiveSmallIntegerField(
        _("uger uden kontakt før advarsel (ret og pligt)"), default=2
    )
    ret_og_pligt_kontaktformer = ArrayField(
        models.CharField(max_length=32, choices=Kontaktform.choices),
        default=kontaktformer_ret_og_pligt,
        verbose_name=_("kontaktformer der tæller som kontakt ved ret og pligt"),
        help_text=_("Som udgangspunkt personligt møde; andre former kun ved særlige forhold."),
    )
    registrering_frist_ugedag = models.PositiveSmallIntegerField(
        _("sidste ugedag for registrering af forrige uge (1 = mandag … 7 = søndag)"), default=3
    )
    levering_min_pct = models.PositiveSmallIntegerField(
        _("leveret mindst (% af bevilget)"), default=50
    )
    levering_max_pct = models.PositiveSmallIntegerField(
        _("leveret højst (% af bevilget)"), default=120
    )
    levering_uger = models.PositiveSmallIntegerField(_("levering måles over (uger)"), default=4)
    opfoelgning_uger = models.PositiveSmallIntegerField(
        _("opfølgning på levering mindst hver (uger)"), default=8
    )
    statusrapport_uger = models.PositiveSmallIntegerField(
        _("statusrapport mindst hver (uger)"), default=6
    )
    resultat_frist_dage = models.PositiveSmallIntegerField(
        _("resultat registreret senest (dage efter 3, 6 og 12 måneder)"),
        default=14,
        help_text=_(
            "RESULTAT_MANGLER advarer, når så mange dage er gået efter en månedsgrænse uden "
            "registreret resultat."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regelindstillinger")
        verbose_name_plural = _("regelindstillinger")
        constraints = [
            models.CheckConstraint(
                condition=Q(pk=1),
                name="regelindstillinger_singleton",
                violation_error_message=_("Der findes kun ét sæt regelindstillinger."),
            ),
            models.CheckConstraint(
                condition=Q(registrering_frist_ugedag__gte=1, registrering_frist_ugedag__lte=7),
                name="regelindstillinger_ugedag_1_7",
                violation_error_message=_(
                    "Fristens ugedag skal være fra 1 (mandag) til 7 (søndag)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(levering_min_pct__lt=models.F("levering_max_pct")),
                name="regelindstillinger_min_under_max",
                violation_error_message=_(
                    "Den nedre grænse for levering skal være lavere end den øvre."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    ingen_kontakt_uger__gte=1,
                    ingen_kontakt_uger_ret_og_pligt__gte=1,
                    levering_uger__gte=1,
                ),
                name="regelindstillinger_mindst_1",
                violation_error_message=_("Antal uger skal være mindst 1."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Regelindstillinger"))

    @classmethod
    def hent(cls) -> "Regelindstillinger":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class AdvarselQuerySet(models.QuerySet):
    def aabne(self):
        return self.filter(lukket__isnull=True)

    def lukkede(self):
        return self.filter(lukket__isnull=False)


class Advarsel(models.Model):
    """One flag: a rule broken by one course, from first seen until the condition is gone.

    At most one open flag per rule and course (partial unique constraint). When the
    condition returns after the flag closed, the scan opens a new flag. Flags are never
    deleted; a caseworker can note why a flag is accepted (with history). A flag closed
    because its course ended is kept apart from one that was remedied.
    """

    class Lukning(models.TextChoices):
        LOEST = "loest", _("Løst")
        AFSLUTTET = "afsluttet", _("Lukket ved afslutning af forløbet")

    regel = models.CharField(_("regel"), max_length=40, db_index=True)
    forloeb = models.ForeignKey(
        "forloeb.Forloeb",
        on_delete=models.PROTECT,
        related_name="advarsler",
        verbose_name=_("forløb"),
    )
    ansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="advarsler",
        verbose_name=_("ansvarlig"),
    )
    siden = models.DateField(_("siden"), null=True)
    foerst_set = models.DateTimeField(_("først set"))
    sidst_set = models.DateTimeField(_("sidst set"))
    lukket = models.DateTimeField(_("lukket"), null=True, blank=True)
    lukket_som = models.CharField(
        _("lukket som"), max_length=16, choices=Lukning.choices, blank=True
    )
    varslet = models.DateTimeField(_("sendt i dagligt overblik"), null=True, blank=True)
    accept_begrundelse = models.TextField(_("begrundelse for accept"), blank=True)
    accepteret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepteret af"),
    )
    accepteret = models.DateTimeField(_("accepteret"), null=True, blank=True)

    objects = AdvarselQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["sidst_set"])

    class Meta:
        verbose_name = _("advarsel")
        verbose_name_plural = _("advarsler")
        ordering = ["foerst_set", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regel", "forloeb"],
                condition=Q(lukket__isnull=True),
                name="advarsel_en_aaben_pr_regel_og_forloeb",
                violation_error_message=_(
                    "Forløbet har allerede en åben advarsel efter denne regel."
                ),
            ),
            models.CheckConstraint(
                condition=Q(lukket__isnull=True) | Q(lukket__gte=models.F("foerst_set")),
                name="advarsel_loest_efter_set",
                violation_error_message=_(
                    "En advarsel kan ikke være løst, før den blev set første gang."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["ansvarlig", "foerst_set"],
                condition=Q(lukket__isnull=True),
                name="advarsel_aaben_ansvarlig",
            ),
            models.Index(fields=["forloeb", "regel"], name="advarsel_forloeb_regel"),
        ]

    def __str__(self) -> str:
        return f"{self.regel} · {self.forloeb_id}"

    @property
    def regeldefinition(self):
        from .regler import REGLER

        return REGLER.get(self.regel)

    @property
    def aaben(self) -> bool:
        return self.lukket is None


class Scankoersel(models.Model):
    """One nightly scan spread over the workers, in a few parts of organisations. The parts
    run with the same clock (`tidspunkt`); the part that finishes last closes the run, so
    the run says when the whole night's flags were in place."""

    tidspunkt = models.DateTimeField(_("scanningens tidspunkt"))
    startet = models.DateTimeField(_("startet"), auto_now_add=True)
    dele = models.PositiveIntegerField(_("dele"))
    faerdige = models.PositiveIntegerField(_("færdige dele"), default=0)
    oprettet = models.PositiveIntegerField(_("nye advarsler"), default=0)
    lukket = models.PositiveIntegerField(_("lukkede advarsler"), default=0)
    afsluttet = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("natlig scanning")
        verbose_name_plural = _("natlige scanninger")
        ordering = ["-startet"]
        constraints = [
            models.CheckConstraint(
                condition=Q(faerdige__lte=models.F("dele")),
                name="scankoersel_faerdige_hoejst_dele",
                violation_error_message=_("Flere færdige dele end dele."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tidspunkt:%Y-%m-%d %H:%M} ({self.faerdige}/{self.dele})"


class Scandel(models.Model):
    """One part of a nightly scan: a set of organisations of about a part's share of the
    active courses; done once (the outbox runs it once)."""

    koersel = models.ForeignKey(
        Scankoersel, on_delete=models.CASCADE, related_name="deldata", verbose_name=_("kørsel")
    )
    nummer = models.PositiveIntegerField(_("nummer"))
    # Ids, not a relation: a part is a plan made at the run's start, kept as it was.
    organisationer = ArrayField(models.BigIntegerField(), verbose_name=_("organisationer"))
    aktive = models.PositiveIntegerField(_("aktive forløb ved planlægningen"), default=0)
    faerdig = models.DateTimeField(_("færdig"), null=True, blank=True)
    oprettet = models.PositiveIntegerField(_("nye advarsler"), default=0)
    lukket = models.PositiveIntegerField(_("lukkede advarsler"), default=0)

    class Meta:
        verbose_name = _("del af natlig scanning")
        verbose_name_plural = _("dele af natlige scanninger")
        constraints = [
            models.UniqueConstraint(
                fields=["koersel", "nummer"],
                name="scandel_en_pr_nummer",
                violation_error_message=_("Kørslen har allerede en del med dette nummer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.koersel_id}: {self.nummer}"


class UgeSnapshot(models.Model):
    """Compliance figures of one team in one ISO week, kept so trends outlive the data."""

    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.CASCADE,
        related_name="compliance_snapshots",
        verbose_name=_("team"),
    )
    uge_start = models.DateField(_("ugens mandag"))
    aktive = models.PositiveIntegerField(_("aktive forløb"))
    # STAR point code -> number of active courses compliant on it.
    opfyldt = models.JSONField(_("forløb der opfylder hvert STAR-punkt"), default=dict)
    # Rule code -> number of active courses breaking it.
    brud = models.JSONField(_("forløb der bryder hver regel"), default=dict)
    timer_bevilget = models.DecimalField(
        _("bevilgede timer i ugen"), max_digits=10, decimal_places=2
    )
    timer_leveret = models.DecimalField(_("leverede timer i ugen"), max_digits=10, decimal_places=2)
    oprettet = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ugens compliance-tal")
        verbose_name_plural = _("ugens compliance-tal")
        ordering = ["team", "uge_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "uge_start"],
                name="snapshot_en_pr_team_uge",
                violation_error_message=_(
                    "Der er allerede et øjebliksbillede for teamet i denne uge."
                ),
            ),
            models.CheckConstraint(
                condition=Q(uge_start__iso_week_day=1),
                name="snapshot_uge_start_mandag",
                violation_error_message=_("Ugen skal starte på en mandag."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.uge_start:%G-W%V}"


class Vurdering(models.TextChoices):
    OPFYLDT = "opfyldt", _("Opfyldt")
    IKKE_OPFYLDT = "ikke_opfyldt", _("Ikke opfyldt")


class Stikproeve(models.Model):
    """An internal sample audit: N random courses reviewed on the STAR checklist."""

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("team"),
        help_text=_("Tom: alle de teams, du leder."),
    )
    titel = models.CharField(_("titel"), max_length=200)
    antal = models.PositiveSmallIntegerField(_("antal forløb"))
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("oprettet af")
    )
    oprettet = models.DateTimeField(_("oprettet"), auto_now_add=True)
    afsluttet = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stikprøve")
        verbose_name_plural = _("stikprøver")
        ordering = ["-oprettet"]
        constraints = [
            models.CheckConstraint(
                condition=Q(antal__gte=1, antal__lte=200),
                name="stikproeve_antal_1_200",
                violation_error_message=_("Antal sager i stikprøven skal være fra 1 til 200."),
            )
        ]

    def __str__(self) -> str:
        return self.titel


class StikproeveSag(models.Model):
    """One drawn course: the system's finding and the reviewer's verdict on each point."""

    stikproeve = models.ForeignKey(Stikproeve, on_delete=models.CASCADE, related_name="sager")
    forloeb = models.ForeignKey(
        "forloeb.Forloeb", on_delete=models.PROTECT, related_name="+", verbose_name=_("forløb")
    )
    # STAR point code -> True when the system found the point met at the draw.
    systemfund = models.JSONField(_("systemets fund"), default=dict)
    formaal = models.CharField(_("formål"), max_length=16, choices=Vurdering.choices, blank=True)
    opgaver = models.CharField(
        _("mentorens opgaver"), max_length=16, choices=Vurdering.choices, blank=True
    )
    kvalifikationer = models.CharField(
        _("mentorens kvalifikationer"), max_length=16, choices=Vurdering.choices, blank=True
    )
    aftale = models.CharField(
        _("aftale udleveret"), max_length=16, choices=Vurdering.choices, blank=True
    )
    opfoelgning = models.CharField(
        _("opfølgning på levering"), max_length=16, choices=Vurdering.choices, blank=True
    )
    kontakt = models.CharField(
        _("kontakt som bevilget"), max_length=16, choices=Vurdering.choices, blank=True
    )
    kommentar = models.TextField(_("kommentar"), blank=True)
    vurderet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vurderet = models.DateTimeField(_("vurderet"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sag i stikprøve")
        verbose_name_plural = _("sager i stikprøve")
        ordering = ["stikproeve", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stikproeve", "forloeb"],
                name="stikproeve_forloeb_en_gang",
                violation_error_message=_("Forløbet er allerede med i stikprøven."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.stikproeve} · {self.forloeb_id}"
