"""Every change of who may do what: roles, teams, active state, API tokens.

`aendr_adgang` is the one door for roles, teams and the active state. The admin, the SSO
role sync at every login and anything else that changes access call it, so the change is
logged (`Rolleaendring`) and a user who is deactivated or loses the last case role loses
their API tokens in the same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import ApiToken, Kilde, Rolle, Rolleaendring, Team, User
from .permissions import CASE_ROLES

logger = logging.getLogger(__name__)


# --- Roles, teams, active state -----------------------------------------------------------


@dataclass(frozen=True)
class _Tilstand:
    roller: tuple[str, ...]
    teams: tuple[str, ...]
    ledede_teams: tuple[str, ...]
    aktiv: bool

    @property
    def har_sagsrolle(self) -> bool:
        return self.aktiv and bool(set(self.roller) & set(CASE_ROLES))


def _tilstand(bruger: User) -> _Tilstand:
    return _Tilstand(
        roller=tuple(sorted(bruger.roller)),
        teams=tuple(sorted(bruger.teams.values_list("navn", flat=True))),
        ledede_teams=tuple(sorted(bruger.ledede_teams.values_list("navn", flat=True))),
        aktiv=bruger.is_active,
    )


def _teams_i_organisation(bruger: User, teams: Iterable[Team], felt: str) -> list[Team]:
    teams = list(teams)
    if any(team.organisation_id != bruger.organisation_id for team in teams):
        raise ValidationError({felt: _("Et team skal høre til brugerens organisation.")})
    return teams


@transaction.atomic
def aendr_adgang(
    *,
    bruger: User,
    kilde: str,
    roller: Iterable[str] | None = None,
    teams: Iterable[Team] | None = None,
    ledede_teams: Iterable[Team] | None = None,
    is_active: bool | None = None,
    aendret_af: User | None = None,
    begrundelse: str = "",
) -> Rolleaendring | None:
    """Set a user's roles, teams, led teams and active state (None leaves one as it is).

    Returns the log row, or None when nothing changed. Revokes every API token of a user
    who is left inactive or without a case role, and ends a deactivated user's sessions.
    Access to the admin site (`is_staff`) follows the administrator role, except for
    superusers.
    """
    if kilde not in Kilde.values:
        raise ValueError(kilde)
    laast = User.objects.select_for_update().get(pk=bruger.pk)
    foer = _tilstand(laast)

    felter = []
    if roller is not None:
        roller = sorted(set(roller))
        ukendte = set(roller) - set(Rolle.values)
        if ukendte:
            raise ValidationError({"roller": _("Ukendt rolle.")})
        laast.roller = roller
        # The admin site is the administrator role's; a superuser (break-glass) keeps it.
        laast.is_staff = laast.is_superuser or Rolle.ADMINISTRATOR in roller
        felter += ["roller", "is_staff"]
    if is_active is not None:
        laast.is_active = is_active
        felter.append("is_active")
    if felter:
        laast.save(update_fields=felter)
    if teams is not None:
        laast.teams.set(_teams_i_organisation(laast, teams, "teams"))
    if ledede_teams is not None:
        laast.ledede_teams.set(_teams_i_organisation(laast, ledede_teams, "ledede_teams"))

    efter = _tilstand(laast)
    # The caller's object follows, so a view that goes on using it sees the new access.
    bruger.roller, bruger.is_active = laast.roller, laast.is_active
    if efter == foer:
        return None
    antal = 0 if efter.har_sagsrolle else tilbagekald_alle_api_tokens(bruger=laast)
    if foer.aktiv and not efter.aktiv:
        afslut_sessioner(bruger=laast)
    return Rolleaendring.objects.create(
        bruger=laast,
        aendret_af=aendret_af,
        kilde=kilde,
        roller_foer=list(foer.roller),
        roller_efter=list(efter.roller),
        teams_foer=list(foer.teams),
        teams_efter=list(efter.teams),
        ledede_teams_foer=list(foer.ledede_teams),
        ledede_teams_efter=list(efter.ledede_teams),
        aktiv_foer=foer.aktiv,
        aktiv_efter=efter.aktiv,
        tokens_tilbagekaldt=antal,
        begrundelse=begrundelse[:200],
    )


def afslut_sessioner(*, bruger: User) -> int:
    """End every session of the user now (a deactivated user must not finish a day's
    work on a session she already has)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    ids = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get("_auth_user_id")) == str(bruger.pk)
    ]
    Session.objects.filter(pk__in=ids).delete()
    return len(ids)


@transaction.atomic
def deaktiver_bruger(
    *, bruger: User, aendret_af: User | None, begrundelse: str = "", kilde: str = Kilde.ADMIN
) -> Rolleaendring | None:
    """Deactivate, never delete: the user keeps her history, loses her API tokens (through
    `aendr_adgang`) and her sessions at once. Her courses are handed over separately
    (forloeb.services.overdragelse); their flags follow the new caseworker."""
    return aendr_adgang(
        bruger=bruger, kilde=kilde, is_active=False, aendret_af=aendret_af, begrundelse=begrundelse
    )


# --- API tokens ---------------------------------------------------------------------------


def api_token_levetider() -> list[tuple[int, str]]:
    """The lifetimes a user may choose for a named token, in days, up to the ceiling."""
    loft = settings.API_TOKEN_MAKS_DAGE
    dage = sorted({d for d in (1, 7, 30, 90, 180, 365) if d <= loft} | {loft})
    return [(d, ngettext("%(n)d dag", "%(n)d dage", d) % {"n": d}) for d in dage]


@transaction.atomic
def opret_api_token(*, bruger: User, navn: str, levetid: timedelta) -> tuple[ApiToken, str]:
    """A new named token. Returns the row and the token itself, which is shown once and
    never stored (only its hash is)."""
    navn = (navn or "").strip()
    if not navn:
        raise ValidationError({"navn": _("Giv nøglen et navn, så du kan kende den igen.")})
    if len(navn) > 100:
        raise ValidationError({"navn": _("Navnet må højst være 100 tegn.")})
    maks = timedelta(days=settings.API_TOKEN_MAKS_DAGE)
    if not timedelta(minutes=5) <= levetid <= maks:
        raise ValidationError(
            {
                "dage": _("En API-nøgle kan højst gælde i %(dage)d dage.")
                % {"dage": settings.API_TOKEN_MAKS_DAGE}
            }
        )
    laast = User.objects.select_for_update().get(pk=bruger.pk)
    if not _tilstand(laast).har_sagsrolle:
        raise PermissionDenied(_("Kun aktive brugere med en sagsrolle kan få en API-nøgle."))
    laast.auth_token_set.udloebne().delete()
    if laast.auth_token_set.gyldige().count() >= settings.API_TOKEN_MAKS_ANTAL:
        raise ValidationError(
            {
                "navn": _(
                    "Du har allerede %(antal)d gyldige API-nøgler. Tilbagekald en, før du "
                    "opretter en ny."
                )
                % {"antal": settings.API_TOKEN_MAKS_ANTAL}
            }
        )
    token, noegle = ApiToken.objects.create(user=laast, expiry=levetid, navn=navn)
    logger.info("API token %s created for user %s", token.pk, laast.pk)
    return token, noegle


@transaction.atomic
def tilbagekald_api_token(*, bruger: User, token_id: int) -> None:
    """Revoke one of the user's own tokens. Someone else's token is as unknown as one that
    does not exist."""
    antal, _detaljer = ApiToken.objects.filter(user=bruger, pk=token_id).delete()
    if not antal:
        raise ApiToken.DoesNotExist
    logger.info("API token %s revoked by its owner %s", token_id, bruger.pk)


def tilbagekald_alle_api_tokens(*, bruger: User) -> int:
    antal, _detaljer = ApiToken.objects.filter(user=bruger).delete()
    if antal:
        logger.info("%s API tokens of user %s revoked", antal, bruger.pk)
    return antal
