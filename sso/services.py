"""A verified login from an identity provider becomes a Mentorsag user with the roles the
IdP gives: just-in-time provisioning on the first login, role sync at every login.

The protocol work (signatures, audience, lifetime, nonce) is done before this module is
reached (`sso.saml`, `sso.oidc`); here the IdP's values are only interpreted.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import services as organisation_services
from organisation.models import Kilde, Organisation, Rolle, Team, User

from . import oiosaml
from .models import Identitetsudbyder, NsisNiveau, Protokol, Rolletildeling, SsoIdentitet

logger = logging.getLogger(__name__)


class SsoAfvist(PermissionDenied):
    """A login the IdP vouched for, refused by Mentorsag; the message is for the user."""


@dataclass(frozen=True)
class SsoLogin:
    """What a verified assertion or ID token says about the person."""

    udbyder: Identitetsudbyder
    subjekt: str
    attributter: Mapping[str, list[str]] = field(default_factory=dict)
    nsis_niveau: str = ""

    def vaerdi(self, hvad: str) -> str:
        navn = self.udbyder.attributnavn(hvad)
        for vaerdi in self.attributter.get(navn, []):
            if vaerdi and str(vaerdi).strip():
                return str(vaerdi).strip()
        return ""

    @property
    def metode(self) -> str:
        return self.udbyder.protokol


def normaliser_attributter(raa: Mapping) -> dict[str, list[str]]:
    """SAML gives lists of strings, OIDC strings, lists or numbers: make them all lists."""
    ud: dict[str, list[str]] = {}
    for navn, vaerdi in raa.items():
        if isinstance(vaerdi, list | tuple):
            ud[str(navn)] = [str(v) for v in vaerdi if v is not None]
        elif vaerdi is not None:
            ud[str(navn)] = [str(vaerdi)]
    return ud


# --- Reading the IdP's values --------------------------------------------------------------


def _organisation(login: SsoLogin) -> Organisation:
    udbyder = login.udbyder
    if udbyder.organisation_id:
        return udbyder.organisation
    cvr = login.vaerdi("cvr")
    kandidater = {cvr} if cvr else set()
    if not kandidater:
        for navn in udbyder.rolle_attributnavne():
            if navn in oiosaml.BPP_ATTRIBUTTER:
                for vaerdi in login.attributter.get(navn, []):
                    kandidater |= {c for c, _p in oiosaml.privilegier(vaerdi) if c}
    orgs = list(Organisation.objects.filter(cvr__in=kandidater)[:2]) if kandidater else []
    if len(orgs) != 1:
        raise SsoAfvist(
            _(
                "Vi kunne ikke afgøre, hvilken organisation du logger ind for. Kontakt din "
                "administrator."
            )
        )
    return orgs[0]


def idp_vaerdier(login: SsoLogin, organisation: Organisation) -> set[str]:
    """The values of the configured role attributes. OIOSAML privileges are decoded, and
    only those scoped to this organisation's CVR (or unscoped) count."""
    vaerdier: set[str] = set()
    for navn in login.udbyder.rolle_attributnavne():
        for vaerdi in login.attributter.get(navn, []):
            if navn in oiosaml.BPP_ATTRIBUTTER:
                vaerdier |= {
                    priv
                    for cvr, priv in oiosaml.privilegier(vaerdi)
                    if cvr is None or not organisation.cvr or cvr == organisation.cvr
                }
            elif vaerdi.strip():
                vaerdier.add(vaerdi.strip())
    return vaerdier


@dataclass
class Adgang:
    roller: set[str] = field(default_factory=set)
    teams: set[Team] = field(default_factory=set)
    ledede_teams: set[Team] = field(default_factory=set)


def adgang_fra_idp(login: SsoLogin, organisation: Organisation) -> Adgang:
    """Roles and teams the administrator's mapping gives for the IdP's values."""
    vaerdier = idp_vaerdier(login, organisation)
    adgang = Adgang()
    if not vaerdier:
        return adgang
    tildelinger = Rolletildeling.objects.filter(
        udbyder=login.udbyder, vaerdi__in=vaerdier
    ).select_related("team", "udbyder")
    for t in tildelinger:
        if t.gaeldende_organisation_id != organisation.pk:
            continue
        if t.team_id and t.team.organisation_id != organisation.pk:
            logger.warning("SSO: mapping %s names a team of another organisation", t.pk)
            continue
        if t.rolle:
            adgang.roller.add(t.rolle)
        if t.team_id:
            adgang.teams.add(t.team)
            if t.rolle == Rolle.TEAMLEDER:
                adgang.ledede_teams.add(t.team)
    return adgang


# --- Users ----------------------------------------------------------------------------------


def brugernavn_for(login: SsoLogin) -> str:
    """The Mentorsag username of this person: their existing one, or the one a first login
    will create. django-axes counts and locks this username like a password login's."""
    identitet = (
        SsoIdentitet.objects.filter(udbyder=login.udbyder, subjekt=login.subjekt)
        .select_related("bruger")
        .first()
    )
    if identitet:
        return identitet.bruger.username
    return _ledigt_brugernavn(login)


def _ledigt_brugernavn(login: SsoLogin) -> str:
    oensket = login.vaerdi("brugernavn") if login.udbyder.attr_brugernavn else ""
    oensket = oensket or login.vaerdi("email")
    if not oensket:
        digest = hashlib.sha256(login.subjekt.encode()).hexdigest()[:16]
        oensket = f"{login.udbyder.slug}-{digest}"
    oensket = "".join(c for c in oensket.lower() if c.isalnum() or c in "@.+-_")[:140]
    kandidat, n = oensket, 1
    while User.objects.filter(username=kandidat).exists():
        n += 1
        kandidat = f"{oensket}-{n}"
    return kandidat


@dataclass(frozen=True)
class Resultat:
    bruger: User | None
    afvist: str = ""


@transaction.atomic
def log_ind(*, login: SsoLogin, brugernavn: str) -> Resultat:
    """Provision or update the user and make their roles follow the IdP.

    Raises SsoAfvist (a Danish message) when the login is refused before anything
    changes. A known user whose IdP values no longer give a role is stripped of every role
    (and so of their API tokens) and the result carries the refusal: that change commits.
    """
    udbyder = login.udbyder
    kraevet = udbyder.kraevet_nsis_niveau
    if NsisNiveau.raekkefoelge(login.nsis_niveau) < NsisNiveau.raekkefoelge(kraevet):
        raise SsoAfvist(
            _(
                "Dit log-ind havde ikke det sikringsniveau, Mentorsag kræver (NSIS %(niveau)s). "
                "Log ind med MitID eller et andet middel på mindst dette niveau."
            )
            % {"niveau": NsisNiveau(kraevet).label}
        )
    organisation = _organisation(login)
    adgang = adgang_fra_idp(login, organisation)
    kilde = Kilde.SAML if udbyder.protokol == Protokol.SAML else Kilde.OIDC
    begrundelse = _("Log-ind via %(udbyder)s") % {"udbyder": udbyder.navn}

    identitet = (
        SsoIdentitet.objects.select_for_update()
        .filter(udbyder=udbyder, subjekt=login.subjekt)
        .select_related("bruger")
        .first()
    )
    if identitet is None and not adgang.roller:
        raise SsoAfvist(_ingen_rolle_tekst())
    if identitet is None:
        bruger = User(username=brugernavn, organisation=organisation)
        bruger.set_unusable_password()
        _opdater_profil(bruger, login)
        bruger.save()
        identitet = SsoIdentitet.objects.create(
            udbyder=udbyder, subjekt=login.subjekt, bruger=bruger
        )
        logger.info("SSO: user %s provisioned through IdP %s", bruger.pk, udbyder.pk)
    bruger = identitet.bruger
    if not bruger.is_active:
        raise SsoAfvist(_("Din bruger i Mentorsag er deaktiveret. Kontakt din administrator."))
    if bruger.organisation_id != organisation.pk:
        raise SsoAfvist(
            _("Din bruger hører til en anden organisation i Mentorsag. Kontakt din administrator.")
        )

    organisation_services.aendr_adgang(
        bruger=bruger,
        kilde=kilde,
        roller=adgang.roller,
        teams=adgang.teams,
        ledede_teams=adgang.ledede_teams,
        begrundelse=begrundelse,
    )
    if not adgang.roller:
        return Resultat(bruger=bruger, afvist=_ingen_rolle_tekst())
    if _opdater_profil(bruger, login):
        bruger.save(update_fields=["first_name", "last_name", "email"])
    identitet.sidst_logget_ind = timezone.now()
    identitet.save(update_fields=["sidst_logget_ind"])
    return Resultat(bruger=bruger)


def _ingen_rolle_tekst() -> str:
    return _(
        "Din bruger har ingen rolle i Mentorsag hos denne identitetsudbyder. Kontakt din "
        "administrator, hvis du skal have adgang."
    )


def _opdater_profil(bruger: User, login: SsoLogin) -> bool:
    nye = {
        "first_name": login.vaerdi("fornavn")[:150],
        "last_name": login.vaerdi("efternavn")[:150],
        "email": login.vaerdi("email")[:254],
    }
    aendret = False
    for felt, vaerdi in nye.items():
        if vaerdi and getattr(bruger, felt) != vaerdi:
            setattr(bruger, felt, vaerdi)
            aendret = True
    return aendret
