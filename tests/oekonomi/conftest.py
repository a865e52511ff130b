"""One provider's March and April 2026, built through the services with the clock set.

- Provider P (external): 500 kr./h until Tuesday 10 March, 550 kr./h from Wednesday
  11 March — so the week of Monday 9 March is paid at 500, the week of 16 March at 550.
- Course A (3 h/week from 2 February): external mentor E until Wednesday 18 March, then
  the internal mentor I from Thursday 19 March; week 12 has one registration each.
- Course B (2 h/week from 2 March): mentor E throughout.
- Internal rate for internal mentors: 400 kr./h (budget only).
- Every March week is approved on 8 April except B's week 13 (23 March).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from forloeb import services as forloeb_services
from forloeb.models import Forloeb, Leverandoer, Mentor, MentorType
from oekonomi import services
from organisation.models import Rolle, Team, User
from tests.factories import (
    ForloebFactory,
    MentorFactory,
    TeamFactory,
    user_with_role,
)
from tidsregistrering import services as tid
from tidsregistrering.models import Ugeregistrering

D = dt.date


def klokken(dato: dt.date, time: int = 12):
    """The clock set to noon (Copenhagen) of `dato`, standing still."""
    return time_machine.travel(
        timezone.make_aware(dt.datetime.combine(dato, dt.time(time, 0))), tick=False
    )


def registrer(mentor: Mentor, forloeb: Forloeb, mandag: dt.date, *kontakter, version=None):
    """The mentor's registration of a week: (weekday offset, minutes) per contact."""
    aar, uge, _ = mandag.isocalendar()
    return tid.registrer_uge(
        user=mentor.bruger,
        forloeb=forloeb,
        aar=aar,
        uge=uge,
        kontakter=[
            {"dato": mandag + dt.timedelta(days=d), "minutter": m, "form": "fysisk", "emner": []}
            for d, m in kontakter
        ],
        version=version,
    )


def uge(forloeb, mandag, mentor) -> Ugeregistrering:
    return Ugeregistrering.objects.get(forloeb=forloeb, uge_start=mandag, mentor=mentor)


@dataclass
class Scenarie:
    team: Team
    teamleder: User
    sagsbehandler: User
    oekonom: User
    leverandoer: Leverandoer
    e: Mentor
    i: Mentor
    a: Forloeb
    b: Forloeb


def _mentor(team, **kwargs) -> Mentor:
    bruger = user_with_role(Rolle.MENTOR, team=team)
    return MentorFactory(organisation=team.organisation, bruger=bruger, **kwargs)


def _bevilg(sb, forloeb, mentor, start, timer):
    forloeb_services.tildel_mentor(user=sb, forloeb=forloeb, mentor=mentor, fra=start)
    forloeb_services.bevilg_periode(
        user=sb,
        forloeb=forloeb,
        start=start,
        slut=D(2026, 7, 31),
        timer_pr_uge=Decimal(timer),
        kvalifikationer="Erfaren.",
        besluttet=start,
    )
    forloeb.refresh_from_db()
    return forloeb


def byg_marts(*, godkend_marts: bool = True) -> Scenarie:
    team = TeamFactory()
    teamleder = user_with_role(Rolle.TEAMLEDER, team=team)
    sb = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    oekonom = user_with_role(Rolle.OEKONOMI, team=TeamFactory(organisation=team.organisation))
    with klokken(D(2026, 1, 5)):
        lev = services.opret_leverandoer(user=oekonom, navn="Mentorhuset ApS", cvr="12345678")
        services.ny_kontraktperiode(
            user=oekonom, leverandoer=lev, start=D(2026, 1, 1), timepris="500"
        )
        services.ny_intern_timesats(
            user=oekonom, mentortype=MentorType.INTERN, start=D(2026, 1, 1), timepris="400"
        )
    with klokken(D(2026, 3, 9)):
        # The price change from Wednesday 11 March, decided the Monday before.
        services.ny_kontraktperiode(
            user=oekonom, leverandoer=lev, start=D(2026, 3, 11), timepris="550"
        )
    e = _mentor(team, type=MentorType.EKSTERN, leverandoer=lev, navn="Eva Ekstern")
    i = _mentor(team, type=MentorType.INTERN, navn="Ida Intern")
    with klokken(D(2026, 3, 2)):
        a = _bevilg(sb, ForloebFactory(team=team, sagsbehandler=sb), e, D(2026, 2, 2), "3")
        b = _bevilg(sb, ForloebFactory(team=team, sagsbehandler=sb), e, D(2026, 3, 2), "2")
    with klokken(D(2026, 3, 19)):
        forloeb_services.tildel_mentor(
            user=sb,
            forloeb=a,
            mentor=i,
            fra=D(2026, 3, 19),
            begrundelse="Borgeren ønsker en intern mentor.",
            kvalifikationer="Erfaren med unge.",
        )
    a.refresh_from_db()
    with klokken(D(2026, 4, 7)):
        registrer(e, a, D(2026, 3, 2), (0, 90), (2, 90))  # week 10: 3 h
        registrer(e, a, D(2026, 3, 9), (1, 200))  # week 11
        registrer(e, a, D(2026, 3, 16), (0, 60))  # week 12, E's part (Mon-Wed)
        registrer(i, a, D(2026, 3, 16), (3, 120))  # week 12, I's part (Thu-Sun)
        registrer(i, a, D(2026, 3, 23), (0, 180))
        registrer(i, a, D(2026, 3, 30), (0, 150))
        registrer(e, b, D(2026, 3, 2), (0, 120))
        registrer(e, b, D(2026, 3, 9), (0, 90))
        registrer(e, b, D(2026, 3, 16), (4, 150))
        registrer(e, b, D(2026, 3, 23), (0, 120))  # week 13: not approved in time
        registrer(e, b, D(2026, 3, 30), (0, 60))
    with klokken(D(2026, 4, 8)):
        for forloeb in (a, b):
            regs = forloeb.ugeregistreringer.exclude(forloeb=b, uge_start=D(2026, 3, 23))
            tid.godkend_uger(user=sb, forloeb=forloeb, registreringer=list(regs))
    s = Scenarie(team, teamleder, sb, oekonom, lev, e, i, a, b)
    if godkend_marts:
        with klokken(D(2026, 4, 8)):
            godkend(s, D(2026, 3, 1))
    return s


def godkend(s: Scenarie, maaned: dt.date):
    from oekonomi.selectors.afregning import afregning

    udkast = afregning(
        organisation_id=s.team.organisation_id,
        leverandoer_id=s.leverandoer.pk,
        team_id=s.team.pk,
        maaned=maaned,
    )
    return services.godkend_afregning(
        user=s.teamleder,
        leverandoer=s.leverandoer,
        team=s.team,
        maaned=maaned,
        fingeraftryk=udkast.fingeraftryk,
    )


@pytest.fixture
def marts(db) -> Scenarie:
    """March built and approved on 8 April (B's week 13 still unapproved)."""
    return byg_marts()


@pytest.fixture
def marts_kladde(db) -> Scenarie:
    return byg_marts(godkend_marts=False)


@pytest.fixture(autouse=True)
def _hurtige_adgangskoder(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
