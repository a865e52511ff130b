"""Organisations (municipalities), teams and users with their roles.

Every case record belongs to an organisation and a team, so one deployment can host
several municipalities without one seeing another's data.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken, AuthTokenManager
from knox.settings import CONSTANTS


class Rolle(models.TextChoices):
    SAGSBEHANDLER = "sagsbehandler", _("Sagsbehandler")
    MENTOR = "mentor", _("Mentor")
    MENTORKOORDINATOR = "mentorkoordinator", _("Mentorkoordinator")
    TEAMLEDER = "teamleder", _("Teamleder")
    OEKONOMI = "oekonomi", _("Økonomimedarbejder")
    ADMINISTRATOR = "administrator", _("Administrator")


class Organisation(models.Model):
    navn = models.CharField(_("navn"), max_length=200, unique=True)
    kommunekode = models.CharField(_("kommunekode"), max_length=3, blank=True)
    jobcenter = models.CharField(
        _("jobcentrets navn"),
        max_length=200,
        blank=True,
        help_text=_("Står øverst på mentoraftalen; tom: organisationens navn."),
    )
    adresse = models.TextField(
        _("jobcentrets adresse"), blank=True, help_text=_("Står på mentoraftalen.")
    )
    cvr = models.CharField(
        _("CVR-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Et CVR-nummer er 8 cifre."))],
        help_text=_(
            "Bruges til at finde organisationen, når en fælles identitetsudbyder (fx KOMBITs "
            "adgangsstyring) sender CVR-nummeret i brugerens privilegier."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"],
                condition=~Q(cvr=""),
                name="organisation_cvr_unik",
                violation_error_message=_(
                    "Der findes allerede en organisation med dette CVR-nummer."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.navn

    @property
    def jobcenter_navn(self) -> str:
        """The sender on the agreement: the job centre's name, else the organisation's."""
        return self.jobcenter or self.navn


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    navn = models.CharField(_("navn"), max_length=200)
    ledere = models.ManyToManyField(
        "User", blank=True, related_name="ledede_teams", verbose_name=_("teamledere")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__navn", "navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "navn"],
                name="team_navn_unik_pr_org",
                violation_error_message=_("Organisationen har allerede et team med dette navn."),
            )
        ]

    def __str__(self) -> str:
        return self.navn


class UserQuerySet(models.QuerySet):
    def med_rolle(self, rolle: str) -> "UserQuerySet":
        return self.filter(roller__contains=[rolle])


class UserManagerWithQuerySet(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who logs in. Roles are a set; one user may hold several."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brugere",
        verbose_name=_("organisation"),
    )
    teams = models.ManyToManyField(
        Team, blank=True, related_name="medlemmer", verbose_name=_("teams")
    )
    roller = ArrayField(
        models.CharField(max_length=32, choices=Rolle.choices),
        default=list,
        blank=True,
        verbose_name=_("roller"),
    )
    telefon = models.CharField(_("telefon"), max_length=20, blank=True)
    noedadgang = models.BooleanField(
        _("nødadgang med adgangskode"),
        default=False,
        help_text=_(
            "Må logge ind med brugernavn og adgangskode, også når lokale adgangskoder er slået "
            "fra (LOKALE_ADGANGSKODER). Kun til nødadgang for administratorer."
        ),
    )

    objects = UserManagerWithQuerySet()

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


# --- Changes of access ---------------------------------------------------------------------


class Kilde(models.TextChoices):
    """Who changed a user's access."""

    ADMIN = "admin", _("Administrator")
    SAML = "saml", _("Log-ind via SAML")
    OIDC = "oidc", _("Log-ind via OpenID Connect")
    SYSTEM = "system", _("System")


class Rolleaendring(models.Model):
    """One change of a user's roles, teams or active state, with before and after.

    Written by `organisation.services.aendr_adgang` in the same transaction as the change
    (the admin and the SSO role sync both go through it); never changed afterwards.
    """

    bruger = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="rolleaendringer", verbose_name=_("bruger")
    )
    tidspunkt = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    aendret_af = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ændret af"),
    )
    kilde = models.CharField(_("kilde"), max_length=16, choices=Kilde.choices)
    roller_foer = ArrayField(models.CharField(max_length=32), default=list, blank=True)
    roller_efter = ArrayField(models.CharField(max_length=32), default=list, blank=True)
    teams_foer = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    teams_efter = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    ledede_teams_foer = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    ledede_teams_efter = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    aktiv_foer = models.BooleanField(_("aktiv før"))
    aktiv_efter = models.BooleanField(_("aktiv efter"))
    tokens_tilbagekaldt = models.PositiveIntegerField(_("API-nøgler tilbagekaldt"), default=0)
    begrundelse = models.CharField(_("begrundelse"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("rolleændring")
        verbose_name_plural = _("rolleændringer")
        ordering = ["-tidspunkt", "-pk"]

    def __str__(self) -> str:
        return f"{self.tidspunkt:%Y-%m-%d %H:%M} {self.bruger_id} {self.kilde}"


# --- API tokens ---------------------------------------------------------------------------


class ApiTokenQuerySet(models.QuerySet):
    def gyldige(self, nu=None) -> "ApiTokenQuerySet":
        return self.filter(expiry__gt=nu or timezone.now())

    def udloebne(self, nu=None) -> "ApiTokenQuerySet":
        return self.filter(expiry__lte=nu or timezone.now())


class ApiTokenManager(AuthTokenManager.from_queryset(ApiTokenQuerySet)):
    pass


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox): only a hash of the token is stored, it always
    expires, and it carries a name so its owner knows what to revoke.

    `KNOX_TOKEN_MODEL` points knox here. The primary key is a plain number so screens and
    the API can name a token without showing any part of it or of its hash.
    """

    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="auth_token_set",
        verbose_name=_("bruger"),
    )
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    expiry = models.DateTimeField(_("udløber"))
    navn = models.CharField(_("navn"), max_length=100)

    objects = ApiTokenManager()

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.navn
