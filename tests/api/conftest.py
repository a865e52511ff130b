"""A small municipality for API tests: one course in the user's own team, one in another
team of the same organisation, one in another organisation, and a user per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from forloeb.models import Forloeb, Mentor
from organisation.models import ApiToken, Organisation, Rolle, Team, User
from tests.factories import (
    MentorFactory,
    TeamFactory,
    UserFactory,
    aktivt_forloeb,
    user_with_role,
)
from tests.klokke import paa_testdagen
from tidsregistrering import services as tid_services
from tidsregistrering.models import Ugeregistrering

SCOPES = ("eget", "andet_team", "anden_org")
ROLLER = (
    "sagsbehandler",
    "mentor",
    "mentorkoordinator",
    "teamleder",
    "administrator",
    "ingen",
)


@pytest.fixture(scope="module", autouse=True)
def _hurtig_hasher():
    """Factories set a password per user; the production hasher makes each take ~0.5 s."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def api_token(user: User) -> str:
    """A hashed, expiring knox token for any user (also those the token service refuses, so
    the permission matrix can show that the API refuses them too)."""
    _row, token = ApiToken.objects.create(user=user, expiry=dt.timedelta(hours=1), navn="test")
    return token


def api_client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def forrige_mandag() -> dt.date:
    today = timezone.localdate()
    return today - dt.timedelta(days=today.isoweekday() - 1, weeks=1)


def registrer_forrige_uge(forloeb: Forloeb) -> Ugeregistrering:
    mandag = forrige_mandag()
    aar, uge, _d = mandag.isocalendar()
    return tid_services.registrer_uge(
        user=forloeb.mentor.bruger,
        forloeb=forloeb,
        aar=aar,
        uge=uge,
        kontakter=[{"dato": mandag, "minutter": 60, "form": "fysisk", "emner": ["helbred"]}],
    )


@dataclass
class Verden:
    org: Organisation
    team: Team
    forloeb: dict[str, Forloeb]
    brugere: dict[str, User]
    ledige_mentorer: dict[str, Mentor]
    registreringer: dict[str, Ugeregistrering] = field(default_factory=dict)
    advarsler: dict = field(default_factory=dict)
    arbejdspunkter: dict = field(default_factory=dict)

    def klient(self, rolle: str) -> APIClient:
        return api_client(self.brugere[rolle])


def bygget_verden() -> Verden:
    team = TeamFactory()
    org = team.organisation
    anden_team = TeamFactory(organisation=org)
    forloeb = {
        "eget": aktivt_forloeb(team=team),
        "andet_team": aktivt_forloeb(team=anden_team),
        "anden_org": aktivt_forloeb(),
    }
    eget = forloeb["eget"]
    brugere = {
        "sagsbehandler": eget.sagsbehandler,
        "mentor": eget.mentor.bruger,
        "mentorkoordinator": user_with_role(Rolle.MENTORKOORDINATOR, team=team),
        "teamleder": user_with_role(Rolle.TEAMLEDER, team=team),
        "administrator": user_with_role(Rolle.ADMINISTRATOR, team=team),
        "ingen": UserFactory(organisation=org, teams=[team]),
    }
    ledige = {s: MentorFactory(organisation=f.organisation) for s, f in forloeb.items()}
    world = Verden(org=org, team=team, forloeb=forloeb, brugere=brugere, ledige_mentorer=ledige)
    world.registreringer = {s: registrer_forrige_uge(f) for s, f in forloeb.items()}
    return world


@pytest.fixture
def verden(db) -> Verden:
    cache.clear()
    return bygget_verden()


@pytest.fixture
def sagsbehandler_klient(verden) -> APIClient:
    return verden.klient("sagsbehandler")


def tilfoej_advarsler(verden: Verden) -> Verden:
    from compliance.models import Advarsel

    now = timezone.now()
    verden.advarsler = {
        s: Advarsel.objects.create(
            regel="FORMAAL_MANGLER",
            forloeb=f,
            ansvarlig=f.sagsbehandler,
            siden=timezone.localdate(),
            foerst_set=now,
            sidst_set=now,
        )
        for s, f in verden.forloeb.items()
    }
    return verden


def tilfoej_arbejdspunkter(verden: Verden) -> Verden:
    """One work point per course, written by its caseworker through the service."""
    from forloeb import services

    verden.arbejdspunkter = {
        s: services.opret_arbejdspunkt(user=f.sagsbehandler, forloeb=f, titel="Møde op til tiden")
        for s, f in verden.forloeb.items()
    }
    return verden


@pytest.fixture(scope="module")
def matrixverden(django_db_setup, django_db_blocker):
    """One world for a whole module, built once inside a transaction that is rolled back
    when the module ends; each test runs in its own savepoint inside it."""
    with django_db_blocker.unblock(), paa_testdagen(), transaction.atomic():
        cache.clear()
        world = tilfoej_arbejdspunkter(tilfoej_advarsler(bygget_verden()))
        yield world
        transaction.set_rollback(True)
