"""The course (Forloeb), its mentor assignments, grant periods and agreements."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation import permissions
from organisation.models import Rolle

from .choices import TEKST, Formaal, Lovgrundlag, Status, Stoettetype, Udleveringsmaade


class DateRange(Func):
    """PostgreSQL daterange(start, slut, '[]') for exclusion constraints."""

    function = "DATERANGE"
    output_field = DateRangeField()


def _inclusive_range(start: str, slut: str) -> DateRange:
    return DateRange(start, slut, models.Value("[]"))


NOTHING = Q(pk__in=[])


def _forloeb_scope(user, *, headlines: bool) -> Q:
    """Courses a user may open: own teams (caseworker), led teams (team leader), own
    citizens (mentor) and the coordinator's whole organisation. With `headlines=False`
    only those whose case content the user may read: not the coordinator's, and a mentor's
    only while she is the course's mentor."""
    if not permissions.i_organisation(user):
        return NOTHING
    q = NOTHING
    if permissions.has_role(user, Rolle.SAGSBEHANDLER):
        q |= Q(team_id__in=permissions.team_ids(user))
    if permissions.has_role(user, Rolle.TEAMLEDER):
        q |= Q(team_id__in=permissions.ledede_team_ids(user))
    if headlines and permissions.has_role(user, Rolle.MENTORKOORDINATOR):
        q |= Q(organisation_id=user.organisation_id)
    if permissions.has_role(user, Rolle.MENTOR):
        if headlines:
            # Earlier citizens too: a former mentor keeps the weeks she registered.
            mine = Mentortilknytning.objects.filter(mentor__bruger=user).values("forloeb_id")
            q |= Q(pk__in=mine)
        else:
            # Goal, tasks and notes: only while she is the course's mentor (least privilege).
            q |= Q(mentor__bruger=user, status__in=[Status.KLADDE, Status.AKTIV])
    return Q(organisation_id=user.organisation_id) & q


class ForloebQuerySet(models.QuerySet):
    def synlige_for(self, user):
        """The courses `user` may open (a miss is a 404 for them)."""
        return self.filter(_forloeb_scope(user, headlines=True))

    def med_indhold_for(self, user):
        """The courses whose goal, tasks and notes `user` may read: the visible ones
        without the coordinator's headlines."""
        return self.filter(_forloeb_scope(user, headlines=False))

    @staticmethod
    def indhold_q(user) -> Q:
        """`med_indhold_for` as a condition, for annotating a visible list."""
        return _forloeb_scope(user, headlines=False)

    def aktive_paa(self, dato):
        """Courses active on `dato`: past the draft, a period has started, and not ended on
        or before the day. The rules, the dashboard and every screen use this answer (SQL
        twin: forloeb.sql.AKTIVE)."""
        startet = Bevilling.objects.filter(forloeb=models.OuterRef("pk"), start__lte=dato)
        return self.filter(models.Exists(startet)).filter(
            Q(status=Status.AKTIV) | Q(status=Status.AFSLUTTET, afslutning__dato__gt=dato)
        )

    def aabne(self):
        """Not ended: drafts and granted courses (what a mentor's load counts)."""
        return self.filter(status__in=[Status.KLADDE, Status.AKTIV])

    def afsluttede(self):
        return self.filter(status=Status.AFSLUTTET)

    def uden_mentor(self):
        return self.exclude(status=Status.AFSLUTTET).filter(mentor__isnull=True)

    def med_aktuel_periode(self):
        """Annotate the start and end of the period covering today, if any."""
        today = timezone.localdate()
        current = Bevilling.objects.filter(
            forloeb=models.OuterRef("pk"), start__lte=today, slut__gte=today
        )
        last = Bevilling.objects.filter(forloeb=models.OuterRef("pk")).order_by("-slut")
        return self.annotate(
            aktuel_start=models.Subquery(current.values("start")[:1]),
            aktuel_slut=models.Subquery(current.values("slut")[:1]),
            sidste_slut=models.Subquery(last.values("slut")[:1]),
        )

    def periode_udloeber_inden(self, dage: int):
        """Granted, not ended, and the last period ends within `dage` days."""
        today = timezone.localdate()
        return (
            self.filter(status=Status.AKTIV)
            .med_aktuel_periode()
            .filter(sidste_slut__gte=today, sidste_slut__lte=today + timezone.timedelta(days=dage))
        )


class Forloeb(models.Model):
    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.PROTECT,
        related_name="forloeb",
        verbose_name=_("team"),
    )
    borger = models.ForeignKey(
        "forloeb.Borger", on_delete=models.PROTECT, related_name="forloeb", verbose_name=_("borger")
    )
    sagsbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="forloeb",
        verbose_name=_("ansvarlig sagsbehandler"),
    )
    formaal = models.CharField(
        _("formål (LAB § 167)"), max_length=32, choices=Formaal.choices, blank=True
    )
    maal = models.TextField(_("konkret mål"), blank=True, validators=TEKST)
    opgaver = models.TextField(_("mentorens opgaver"), blank=True, validators=TEKST)
    stoettetype = models.CharField(
        _("støttetype"), max_length=32, choices=Stoettetype.choices, default=Stoettetype.BARRIERER
    )
    lovgrundlag = models.CharField(
        _("lovgrundlag"), max_length=32, choices=Lovgrundlag.choices, default=Lovgrundlag.GENEREL
    )
    udskrivningsdato = models.DateField(
        _("udskrivningsdato"),
        null=True,
        blank=True,
        help_text=_("Kun ved udskrivning fra psykiatrisk indlæggelse."),
    )
    optagelsesdato = models.DateField(
        _("optaget på uddannelsen den"),
        null=True,
        blank=True,
        help_text=_("Kun ved start på uddannelse (LAB § 167, stk. 3)."),
    )
    ud_over_normalt = models.TextField(
        _("vurdering af, at indsatsen går ud over det sædvanlige"),
        blank=True,
        validators=TEKST,
        help_text=_("Kræves når en virksomhed eller uddannelsesinstitution er mentor (LAB § 169)."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.KLADDE, db_index=True
    )
    # Today's mentor, kept in step with Mentortilknytning by services.tildel_mentor.
    mentor = models.ForeignKey(
        "forloeb.Mentor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forloeb",
        verbose_name=_("mentor"),
    )
    # The municipality's own reference (its case number) when the course was imported:
    # a re-run of the import finds the course by it (unique per organisation).
    sagsnummer = models.CharField(_("sagsnummer"), max_length=64, blank=True, default="")
    oprettet = models.DateTimeField(_("oprettet"), auto_now_add=True)
    # Optimistic locking: every edit must name the version it started from.
    version = models.PositiveIntegerField(default=1)

    objects = ForloebQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")
        ordering = ["-oprettet"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["team", "status"]),
            models.Index(fields=["sagsbehandler", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sagsnummer"],
                condition=~Q(sagsnummer=""),
                name="forloeb_sagsnummer_unik_pr_organisation",
                violation_error_message=_("Kommunen har allerede et forløb med det sagsnummer."),
            )
        ]

    def __str__(self) -> str:
        return _("Forløb %(nr)s") % {"nr": self.pk}

    @property
    def er_afsluttet(self) -> bool:
        return self.status == Status.AFSLUTTET


class Mentortilknytning(models.Model):
    """Who was the course's mentor when: one mentor at a time, each change with a reason."""

    forloeb = models.ForeignKey(Forloeb, on_delete=models.CASCADE, related_name="tilknytninger")
    mentor = models.ForeignKey(
        "forloeb.Mentor", on_delete=models.PROTECT, related_name="tilknytninger"
    )
    fra = models.DateField(_("fra"))
    til = models.DateField(_("til"), null=True, blank=True)
    begrundelse = models.TextField(_("begrundelse"), blank=True, validators=TEKST)
    tilsidesat_begrundelse = models.TextField(
        _("begrundelse for at tilsidesætte kapacitet/inaktiv"), blank=True, validators=TEKST
    )
    # Why this mentor is qualified, when the mentor changes within a granted period (the
    # period's own assessment covers the mentor it was granted with).
    kvalifikationer = models.TextField(
        _("vurdering af mentorens kvalifikationer"), blank=True, validators=TEKST
    )
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    oprettet = models.DateTimeField(auto_now_add=True)
    # When the caseworker was told in her daily digest (set when someone else assigned).
    varslet = models.DateTimeField(_("varslet sagsbehandler"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mentortilknytning")
        verbose_name_plural = _("mentortilknytninger")
        ordering = ["fra"]
        constraints = [
            models.CheckConstraint(
                condition=Q(til__isnull=True) | Q(til__gte=F("fra")),
                name="tilknytning_datoorden",
                violation_error_message=_("Tilknytningens slutdato må ikke ligge før startdatoen."),
            ),
            ExclusionConstraint(
                name="tilknytning_ingen_overlap",
                violation_error_message=_("Forløbet har allerede en mentor i en del af perioden."),
                expressions=[
                    ("forloeb", RangeOperators.EQUAL),
                    (DateRange("fra", "til", models.Value("[]")), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} {self.fra}–{self.til or ''}"


class Bevilling(models.Model):
    """A grant period of at most 6 months (LAB §31c). Periods of a course never overlap."""

    forloeb = models.ForeignKey(Forloeb, on_delete=models.CASCADE, related_name="bevillinger")
    start = models.DateField(_("start"))
    slut = models.DateField(_("slut"))
    timer_pr_uge = models.DecimalField(_("timer pr. uge"), max_digits=4, decimal_places=2)
    kvalifikationer = models.TextField(
        _("vurdering af mentorens kvalifikationer"), validators=TEKST
    )
    vurdering = models.TextField(_("konkret vurdering (ny periode)"), blank=True, validators=TEKST)
    besluttet = models.DateField(_("besluttet den"), default=timezone.localdate)
    besluttet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("besluttet af")
    )
    oprettet = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bevillingsperiode")
        verbose_name_plural = _("bevillingsperioder")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slut__gte=F("start")),
                name="bevilling_datoorden",
                violation_error_message=_("Periodens slutdato må ikke ligge før startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(timer_pr_uge__gt=0) & Q(timer_pr_uge__lte=37),
                name="bevilling_timer_0_37",
                violation_error_message=_("Timer pr. uge skal være over 0 og højst 37."),
            ),
            ExclusionConstraint(
                name="bevilling_ingen_overlap",
                violation_error_message=_(
                    "Perioden overlapper en anden bevilget periode på forløbet."
                ),
                expressions=[
                    ("forloeb", RangeOperators.EQUAL),
                    (_inclusive_range("start", "slut"), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%d.%m.%Y}–{self.slut:%d.%m.%Y}"

    def timer_gaeldende(self, dato):
        """Granted hours per week on a date in the period (forloeb.timer decides)."""
        from forloeb.timer import timer_gaeldende, timesegmenter

        return timer_gaeldende(timesegmenter([self]), dato)

    @property
    def aftale(self):
        """The newest version of the period's written agreement (None before the first)."""
        versioner = list(self.aftaler.all())
        return max(versioner, key=lambda a: a.version) if versioner else None


class Timeaendring(models.Model):
    """A change of weekly hours inside a period: a recorded decision, not an edit."""

    bevilling = models.ForeignKey(
        Bevilling, on_delete=models.CASCADE, related_name="timeaendringer"
    )
    gaelder_fra = models.DateField(_("gælder fra"))
    timer_pr_uge = models.DecimalField(_("timer pr. uge"), max_digits=4, decimal_places=2)
    begrundelse = models.TextField(_("begrundelse"), validators=TEKST)
    besluttet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    oprettet = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("timeændring")
        verbose_name_plural = _("timeændringer")
        ordering = ["gaelder_fra"]
        constraints = [
            models.CheckConstraint(
                condition=Q(timer_pr_uge__gt=0) & Q(timer_pr_uge__lte=37),
                name="timeaendring_timer_0_37",
                violation_error_message=_("Timer pr. uge skal være over 0 og højst 37."),
            ),
            models.UniqueConstraint(
                fields=["bevilling", "gaelder_fra"],
                name="timeaendring_en_pr_dato",
                violation_error_message=_("Der er allerede en timeændring fra denne dato."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.timer_pr_uge} t fra {self.gaelder_fra:%d.%m.%Y}"


class Mentoraftale(models.Model):
    """One version of a period's written agreement, frozen as it was made (the agreement
    rule in the executive order under LAB § 171). A decision that changes one of its
    elements — the mentor, the hours, the goal or the tasks — makes a new version to hand
    out; AFTALE_MANGLER looks at the newest version of each period."""

    class Aarsag(models.TextChoices):
        BEVILLING = "bevilling", _("Bevilling af perioden")
        MENTORSKIFTE = "mentorskifte", _("Mentorskifte")
        TIMEAENDRING = "timeaendring", _("Ændring af timer")
        INDHOLD = "indhold", _("Ændret mål eller opgaver")

    bevilling = models.ForeignKey(Bevilling, on_delete=models.CASCADE, related_name="aftaler")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    dato = models.DateField(_("udstedt den"), default=timezone.localdate)
    aarsag = models.CharField(
        _("årsag til versionen"), max_length=16, choices=Aarsag.choices, default=Aarsag.BEVILLING
    )
    maal = models.TextField(_("mål"))
    mentor_navn = models.CharField(_("mentorens navn"), max_length=200)
    mentor_kontakt = models.CharField(_("mentorens kontaktoplysninger"), max_length=300)
    opgaver = models.TextField(_("mentorens opgaver"))
    start = models.DateField(_("varighed fra"))
    slut = models.DateField(_("varighed til"))
    timer_pr_uge = models.DecimalField(_("timer pr. uge"), max_digits=4, decimal_places=2)
    klagevejledning = models.TextField(_("klagevejledning"))
    oprettet = models.DateTimeField(auto_now_add=True)
    udleveret = models.DateField(_("udleveret til borgeren den"), null=True, blank=True)
    udleveringsmaade = models.CharField(
        _("udleveret hvordan"), max_length=32, choices=Udleveringsmaade.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mentoraftale")
        verbose_name_plural = _("mentoraftaler")
        ordering = ["bevilling", "version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(udleveret__isnull=True) | ~Q(udleveringsmaade=""),
                name="aftale_udlevering_har_maade",
                violation_error_message=_("Angiv hvordan aftalen blev udleveret."),
            ),
            models.UniqueConstraint(
                fields=["bevilling", "version"],
                name="aftale_en_pr_version",
                violation_error_message=_(
                    "Bevillingen har allerede en mentoraftale med dette versionsnummer."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("Mentoraftale %(periode)s, version %(version)s") % {
            "periode": self.bevilling,
            "version": self.version,
        }

    @property
    def frist(self):
        """The day the version must have been handed out by (with the default 14 days)."""
        return max(self.start, self.dato)
