"""What mentor hours cost: contract prices, internal cost rates and locked monthly settlements.

A price is never edited: a new price is a new period (`Kontrakt`, `InternTimesats`), and
the periods of one provider (one organisation's mentor type) never overlap — a
PostgreSQL exclusion constraint like the grant periods'. A settlement (`Afregning`)
exists only once a team leader has approved it; its lines are frozen then, and a later
change to one of its weeks becomes a correction line in the next settlement.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forloeb.models import MentorType
from forloeb.models.sag import DateRange

MAX_TIMEPRIS = Decimal("10000")


def _periode() -> DateRange:
    # An open end (slut NULL) is an unbounded range: it overlaps every later period.
    return DateRange("start", "slut", models.Value("[]"))


class Prisperiode(models.Model):
    """An hourly price valid from `start` to `slut` (inclusive; open when blank)."""

    start = models.DateField(_("gælder fra"))
    slut = models.DateField(_("gælder til og med"), null=True, blank=True)
    timepris = models.DecimalField(_("timepris (kr.)"), max_digits=8, decimal_places=2)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    oprettet = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["start"]

    def __str__(self) -> str:
        slut = f"{self.slut:%d.%m.%Y}" if self.slut else "…"
        return f"{self.timepris} kr./t {self.start:%d.%m.%Y}–{slut}"

    def gaelder(self, dato) -> bool:
        return self.start <= dato and (self.slut is None or dato <= self.slut)


class Kontrakt(Prisperiode):
    """One period of a provider's contract: the hourly price of the hours bought from it."""

    leverandoer = models.ForeignKey(
        "forloeb.Leverandoer",
        on_delete=models.PROTECT,
        related_name="kontrakter",
        verbose_name=_("leverandør"),
    )
    reference = models.CharField(_("kontraktnummer eller udbud"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta(Prisperiode.Meta):
        verbose_name = _("kontraktperiode")
        verbose_name_plural = _("kontraktperioder")
        constraints = [
            models.CheckConstraint(
                condition=Q(slut__isnull=True) | Q(slut__gte=F("start")),
                name="kontrakt_datoorden",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(timepris__gt=0) & Q(timepris__lte=MAX_TIMEPRIS),
                name="kontrakt_timepris_positiv",
                violation_error_message=_("Timeprisen skal være over 0 og højst 10.000 kr."),
            ),
            ExclusionConstraint(
                name="kontrakt_ingen_overlap",
                expressions=[
                    ("leverandoer", RangeOperators.EQUAL),
                    (_periode(), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("Kontraktperioderne overlapper."),
            ),
        ]


class InternTimesats(Prisperiode):
    """The internal cost of an hour of the municipality's own mentors of one type (salary
    and overhead), for the budget only: internal hours are never settled."""

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    mentortype = models.CharField(_("mentortype"), max_length=32, choices=MentorType.choices)

    history = HistoricalRecords()

    class Meta(Prisperiode.Meta):
        verbose_name = _("intern timesats")
        verbose_name_plural = _("interne timesatser")
        constraints = [
            models.CheckConstraint(
                condition=Q(slut__isnull=True) | Q(slut__gte=F("start")),
                name="timesats_datoorden",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(timepris__gt=0) & Q(timepris__lte=MAX_TIMEPRIS),
                name="timesats_timepris_positiv",
                violation_error_message=_("Timeprisen skal være over 0 og højst 10.000 kr."),
            ),
            ExclusionConstraint(
                name="timesats_ingen_overlap",
                expressions=[
                    ("organisation", RangeOperators.EQUAL),
                    ("mentortype", RangeOperators.EQUAL),
                    (_periode(), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("Satsperioderne overlapper."),
            ),
        ]


class Afregning(models.Model):
    """A provider's approved settlement of one month for one team: locked, never changed.

    A week belongs to the month of its Monday. The lines are what was paid; a change to a
    settled week afterwards (reopened, approved again with other hours, a new price) is
    paid or taken back by a correction line in the next settlement of the same provider
    and team (oekonomi.selectors.afregning).
    """

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    leverandoer = models.ForeignKey(
        "forloeb.Leverandoer",
        on_delete=models.PROTECT,
        related_name="afregninger",
        verbose_name=_("leverandør"),
    )
    team = models.ForeignKey(
        "organisation.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    maaned = models.DateField(_("måned"), help_text=_("Månedens første dag."))
    timer = models.DecimalField(_("leverede timer"), max_digits=10, decimal_places=2)
    beloeb = models.DecimalField(_("beløb for månedens uger"), max_digits=12, decimal_places=2)
    korrektioner = models.DecimalField(_("korrektioner"), max_digits=12, decimal_places=2)
    godkendt = models.DateTimeField(_("godkendt"))
    godkendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("godkendt af"),
    )

    class Meta:
        verbose_name = _("afregning")
        verbose_name_plural = _("afregninger")
        ordering = ["-maaned", "leverandoer__navn", "team__navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["leverandoer", "team", "maaned"],
                name="afregning_en_pr_leverandoer_team_maaned",
                violation_error_message=_("Afregningen er allerede godkendt."),
            ),
            models.CheckConstraint(
                condition=Q(maaned__day=1),
                name="afregning_maaned_foerste_dag",
                violation_error_message=_(
                    "Afregningens måned angives med den første dag i måneden."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leverandoer} · {self.team} · {self.maaned:%m.%Y}"

    @property
    def i_alt(self) -> Decimal:
        return self.beloeb + self.korrektioner


class Linjeart(models.TextChoices):
    UGE = "uge", _("Uge")
    KORREKTION = "korrektion", _("Korrektion")


class Korrektionsaarsag(models.TextChoices):
    """Why a settled week is paid again: a stable code, shown in Danish (never the free-text
    reason of a reopening, which may name the citizen)."""

    GENAABNET = "genaabnet", _("Genåbnet efter afregning og ikke godkendt igen")
    AENDRET = "aendret", _("Godkendt igen med andre timer")
    EFTERGODKENDT = "eftergodkendt", _("Godkendt efter månedens afregning")
    PRIS = "pris", _("Ny pris for ugen")
    FLYTTET = "flyttet", _("Ugen hører ikke længere til leverandøren")


class Afregningslinje(models.Model):
    """One week of one course and mentor in a settlement (or a correction of one), frozen
    as it was paid: minutes, granted hours, price and amount."""

    afregning = models.ForeignKey(Afregning, on_delete=models.CASCADE, related_name="linjer")
    art = models.CharField(_("art"), max_length=16, choices=Linjeart.choices)
    aarsag = models.CharField(
        _("årsag til korrektion"), max_length=16, choices=Korrektionsaarsag.choices, blank=True
    )
    forloeb = models.ForeignKey(
        "forloeb.Forloeb", on_delete=models.PROTECT, related_name="+", verbose_name=_("forløb")
    )
    mentor = models.ForeignKey(
        "forloeb.Mentor", on_delete=models.PROTECT, related_name="+", verbose_name=_("mentor")
    )
    aar = models.PositiveSmallIntegerField(_("år (ISO)"))
    uge = models.PositiveSmallIntegerField(_("uge"))
    uge_start = models.DateField(_("ugens mandag"))
    registrering = models.ForeignKey(
        "tidsregistrering.Ugeregistrering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The approved minutes now, and (for a correction) what earlier settlements paid for.
    minutter = models.PositiveIntegerField(_("godkendte minutter"))
    tidligere_minutter = models.PositiveIntegerField(_("tidligere afregnede minutter"), default=0)
    bevilget_timer = models.DecimalField(_("bevilgede timer"), max_digits=7, decimal_places=2)
    timepris = models.DecimalField(
        _("timepris (kr.)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    kontrakt = models.ForeignKey(
        Kontrakt, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beloeb = models.DecimalField(_("beløb"), max_digits=12, decimal_places=2)
    tidligere_beloeb = models.DecimalField(
        _("tidligere afregnet"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    uge_godkendt = models.DateTimeField(_("ugen godkendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("afregningslinje")
        verbose_name_plural = _("afregningslinjer")
        ordering = ["art", "uge_start", "forloeb_id", "mentor_id"]
        indexes = [models.Index(fields=["forloeb", "aar", "uge", "mentor"])]
        constraints = [
            models.UniqueConstraint(
                fields=["afregning", "forloeb", "aar", "uge", "mentor"],
                name="afregningslinje_en_pr_uge_og_mentor",
                violation_error_message=_(
                    "Afregningen har allerede en linje for forløbet, ugen og mentoren."
                ),
            ),
            models.CheckConstraint(
                condition=Q(art="uge", aarsag="") | Q(art="korrektion") & ~Q(aarsag=""),
                name="afregningslinje_korrektion_har_aarsag",
                violation_error_message=_(
                    "En korrektion skal have en årsag, og en ugelinje må ikke have en."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forloeb_id} {self.aar}-{self.uge} {self.beloeb}"

    @property
    def timer(self) -> Decimal:
        return (Decimal(self.minutter) / 60).quantize(Decimal("0.01"))

    @property
    def tidligere_timer(self) -> Decimal:
        return (Decimal(self.tidligere_minutter) / 60).quantize(Decimal("0.01"))
