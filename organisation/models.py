"""Organisations (municipalities), teams and users with their roles.

Every case record belongs to an organisation and a team, so one deployment can host
several municipalities without one seeing another's data.
"""

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rolle(models.TextChoices):
    SAGSBEHANDLER = "sagsbehandler", _("Sagsbehandler")
    MENTOR = "mentor", _("Mentor")
    MENTORKOORDINATOR = "mentorkoordinator", _("Mentorkoordinator")
    TEAMLEDER = "teamleder", _("Teamleder")
    ADMINISTRATOR = "administrator", _("Administrator")


class Organisation(models.Model):
    navn = models.CharField(_("navn"), max_length=200, unique=True)
    kommunekode = models.CharField(_("kommunekode"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn


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
            models.UniqueConstraint(fields=["organisation", "navn"], name="team_navn_unik_pr_org")
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

    objects = UserManagerWithQuerySet()

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
