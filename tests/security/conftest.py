"""Shared scenario for the security tests: two mentors' courses in one team, and every
role that must not see mentor B's citizen."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from forloeb import services
from forloeb.models import Borger, Forloeb
from organisation.models import Rolle, Team, User
from tests.factories import TeamFactory, aktivt_forloeb, user_with_role

HEMMELIG_NOTE = "Referat-med-hemmelig-tekst-7Q3"
HEMMELIG_STATUS = "Statusrapport-om-misbrug-8K2"
HEMMELIG_MAAL = "Maal-om-psykiatrisk-behandling-5W1"


@dataclass
class Scenarie:
    team: Team
    andet_team: Team
    forloeb_a: Forloeb
    forloeb_b: Forloeb
    borger_b: Borger
    mentor_a: User
    mentor_b: User
    sagsbehandler: User
    teamleder: User
    fremmed_sagsbehandler: User
    fremmed_teamleder: User
    koordinator: User
    administrator: User
    anden_kommune: User


@pytest.fixture
def scenarie(db) -> Scenarie:
    team = TeamFactory()
    andet_team = TeamFactory(organisation=team.organisation)
    start = timezone.localdate() - timedelta(weeks=6)
    forloeb_a = aktivt_forloeb(team=team, start=start)
    forloeb_b = aktivt_forloeb(
        team=team, start=start, sagsbehandler=forloeb_a.sagsbehandler, maal=HEMMELIG_MAAL
    )
    sb = forloeb_a.sagsbehandler
    services.registrer_moede(
        user=sb,
        forloeb=forloeb_b,
        type="opstart",
        dato=start + timedelta(days=3),
        referat=HEMMELIG_NOTE,
    )
    services.skriv_statusrapport(
        user=forloeb_b.mentor.bruger, forloeb=forloeb_b, tekst=HEMMELIG_STATUS
    )
    teamleder = user_with_role(Rolle.TEAMLEDER, team=team)
    return Scenarie(
        team=team,
        andet_team=andet_team,
        forloeb_a=forloeb_a,
        forloeb_b=forloeb_b,
        borger_b=forloeb_b.borger,
        mentor_a=forloeb_a.mentor.bruger,
        mentor_b=forloeb_b.mentor.bruger,
        sagsbehandler=sb,
        teamleder=teamleder,
        fremmed_sagsbehandler=user_with_role(Rolle.SAGSBEHANDLER, team=andet_team),
        fremmed_teamleder=user_with_role(Rolle.TEAMLEDER, team=andet_team),
        koordinator=user_with_role(Rolle.MENTORKOORDINATOR, team=andet_team),
        administrator=user_with_role(Rolle.ADMINISTRATOR, team=andet_team, is_staff=True),
        anden_kommune=user_with_role(Rolle.SAGSBEHANDLER),
    )


@pytest.fixture
def applog():
    """Everything the application logs at DEBUG and above, as one string.

    A handler on the root logger works whether or not pytest's logging plugin is loaded.
    """
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


@pytest.fixture(autouse=True)
def rask_hashing(settings):
    """A cheap password hasher: these tests create many users and log in in loops; no rule
    tested here depends on the hasher's cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
