"""The people a course is about: the citizen (Borger) and the mentor."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forloeb import cpr
from organisation import permissions
from organisation.models import Rolle

from .choices import (
    TEKST,
    Emne,
    Koen,
    MentorType,
    OensketAlder,
    OensketKoen,
    Specialisering,
    Status,
    Visitation,
    Ydelsesgruppe,
)


class BorgerQuerySet(models.QuerySet):
    def synlige_for(self, user):
        """Citizens: a caseworker may look up anyone in the organisation (the look is
        logged); everyone else only the citizens of courses they may open."""
        if not permissions.i_organisation(user):
            return self.none()
        if permissions.has_role(user, Rolle.SAGSBEHANDLER):
            return self.filter(organisation_id=user.organisation_id)
        from .sag import Forloeb

        synlige = Forloeb.objects.synlige_for(user).values("borger_id")
        return self.filter(organisation_id=user.organisation_id, pk__in=synlige)


class Borger(models.Model):
    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    # The plain CPR number is never stored: see forloeb/cpr.py.
    cpr_krypteret = models.TextField(_("CPR (krypteret)"), editable=False)
    cpr_hash = models.CharField(max_length=64, editable=False, db_index=True)
    foedselsdato = models.DateField(_("fødselsdato"))
    navn = models.CharField(_("navn"), max_length=200)
    adresse = models.CharField(_("adresse"), max_length=300, blank=True)
    telefon = models.CharField(_("telefon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    ydelsesgruppe = models.CharField(
        _("ydelsesgruppe"), max_length=32, choices=Ydelsesgruppe.choices
    )
    visitation = models.CharField(
        _("visitationskategori"),
        max_length=32,
        choices=Visitation.choices,
        default=Visitation.IKKE_KATEGORISERET,
    )
    ret_og_pligt = models.BooleanField(_("ret og pligt"), default=False)
    problemomraader = ArrayField(
        models.CharField(max_length=32, choices=Emne.choices),
        default=list,
        blank=True,
        verbose_name=_("problemområder"),
    )
    oensker_til_mentor = models.TextField(
        _("ønsker til mentor (alder, køn m.m.)"), blank=True, validators=TEKST
    )
    # The wishes a suggestion can honour; the free text above holds the rest.
    oensket_koen = models.CharField(
        _("ønsket køn på mentor"), max_length=10, choices=OensketKoen.choices, blank=True
    )
    oensket_alder = models.CharField(
        _("ønsket alder på mentor"), max_length=10, choices=OensketAlder.choices, blank=True
    )
    pseudonymiseret = models.DateTimeField(_("pseudonymiseret"), null=True, blank=True)
    oprettet = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = BorgerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["cpr_krypteret"])

    class Meta:
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cpr_hash"],
                name="borger_cpr_unik_pr_organisation",
                violation_error_message=_("Der findes allerede en borger med dette CPR-nummer."),
            )
        ]
        indexes = [models.Index(fields=["organisation", "navn"])]

    def __str__(self) -> str:
        return self.navn

    @property
    def cpr_maskeret(self) -> str:
        return cpr.mask(self.foedselsdato)

    def cpr_fuldt(self) -> str:
        """The full number. Callers must log the reveal (services.afsloer_cpr does)."""
        return cpr.formatted(cpr.decrypt(self.cpr_krypteret))

    @property
    def alder(self) -> int:
        from django.utils import timezone

        today = timezone.localdate()
        born = self.foedselsdato
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class LeverandoerQuerySet(models.QuerySet):
    def synlige_for(self, user):
        """The organisation's providers, for everyone who works there (names and CVR are
        no personal data); nobody outside it."""
        if not permissions.i_organisation(user):
            return self.none()
        return self.filter(organisation_id=user.organisation_id)

    def aktive(self):
        return self.filter(aktiv=True)


class Leverandoer(models.Model):
    """A provider whose mentor hours the municipality buys: an external provider or a
    company (virksomhedsmentor). It lives here, beside the mentor who works for it, so the
    mentor can point at it; its contracts and prices are the oekonomi app's."""

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    navn = models.CharField(_("navn"), max_length=200)
    cvr = models.CharField(
        _("CVR-nummer"),
        max_length=8,
        validators=[RegexValidator(r"^[1-9]\d{7}$", _("Et CVR-nummer er 8 cifre."))],
    )
    adresse = models.CharField(_("adresse"), max_length=300, blank=True)
    kontaktperson = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail til afregninger"), blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    oprettet = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = LeverandoerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leverandør")
        verbose_name_plural = _("leverandører")
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cvr"],
                name="leverandoer_cvr_unik_pr_organisation",
                violation_error_message=_("Der findes allerede en leverandør med det CVR-nummer."),
            ),
            models.CheckConstraint(
                condition=Q(cvr__regex=r"^[1-9][0-9]{7}$"),
                name="leverandoer_cvr_8_cifre",
                violation_error_message=_("Et CVR-nummer er 8 cifre."),
            ),
        ]

    def __str__(self) -> str:
        return self.navn


class MentorQuerySet(models.QuerySet):
    def synlige_for(self, user):
        """The organisation's mentors for caseworkers, coordinators and team leaders; a
        mentor sees only her own profile."""
        if not permissions.i_organisation(user):
            return self.none()
        if permissions.has_role(
            user, Rolle.SAGSBEHANDLER, Rolle.MENTORKOORDINATOR, Rolle.TEAMLEDER
        ):
            return self.filter(organisation_id=user.organisation_id)
        if permissions.has_role(user, Rolle.MENTOR):
            return self.filter(organisation_id=user.organisation_id, bruger=user)
        return self.none()

    def aktive(self):
        return self.filter(aktiv=True)

    def med_belastning(self):
        """Annotate `belastning`: the mentor's open courses (drafts and granted) where she is
        the assigned mentor. Assignment, roster, MENTOR_OVERBELASTET and the dashboard all
        count this (SQL twin: forloeb.sql.BELASTNING)."""
        return self.annotate(
            belastning=Count(
                "forloeb",
                filter=Q(forloeb__status__in=[Status.KLADDE, Status.AKTIV]),
                distinct=True,
            )
        )

    def med_ledig_kapacitet(self):
        return self.med_belastning().filter(belastning__lt=F("kapacitet"))


class Mentor(models.Model):
    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    navn = models.CharField(_("navn"), max_length=200)
    type = models.CharField(_("mentortype"), max_length=32, choices=MentorType.choices)
    arbejdsgiver = models.CharField(_("arbejdsgiver/leverandør"), max_length=200, blank=True)
    # The provider whose hours are bought (external provider or company); none for the
    # municipality's own mentors. Settlement and budget price the mentor's weeks by it.
    leverandoer = models.ForeignKey(
        Leverandoer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentorer",
        verbose_name=_("leverandør (køb af timer)"),
    )
    telefon = models.CharField(_("telefon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    uddannelse = models.CharField(_("uddannelse"), max_length=200, blank=True)
    mentoruddannelse_timer = models.PositiveIntegerField(_("timer mentoruddannelse"), default=0)
    specialiseringer = ArrayField(
        models.CharField(max_length=32, choices=Specialisering.choices),
        default=list,
        blank=True,
        verbose_name=_("specialiseringer"),
    )
    # Open courses the mentor can carry; MENTOR_OVERBELASTET flags what lies beyond it.
    kapacitet = models.PositiveIntegerField(
        _("kapacitet (åbne forløb)"),
        default=15,
        help_text=_("Praksis (Hjørring): ca. 15 forløb pr. fuldtidsmentor."),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    # For matching a citizen's wishes (gender, age); optional.
    koen = models.CharField(_("køn"), max_length=10, choices=Koen.choices, blank=True)
    foedselsaar = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
    bruger = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorprofil",
        verbose_name=_("login"),
    )

    objects = MentorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentorer")
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kapacitet__gte=1),
                name="mentor_kapacitet_positiv",
                violation_error_message=_("Kapaciteten skal være mindst 1."),
            )
        ]

    def __str__(self) -> str:
        return self.navn

    @property
    def ledig(self) -> int:
        """Free places (needs `med_belastning`)."""
        return self.kapacitet - self.belastning

    @property
    def kontakt(self) -> str:
        return ", ".join(x for x in (self.telefon, self.email) if x)
