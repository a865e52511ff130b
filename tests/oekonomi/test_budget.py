"""The budget against numbers computed by hand (today: Wednesday 18 March 2026).

X: external mentor E (provider P, 500 kr./h), period 2 March – 12 April 2026, 2 h/week.
   Week of 2 March: 150 min approved = 1,250.00 actual (0.5 h above granted).
   Week of 9 March: 120 min registered, not approved = 1,000.00 pending.
   Committed from Thursday 19 March: 4 days of the week of 16 March (4/7 × 2 h × 500 =
   571.43) + the weeks of 23 and 30 March (1,000.00 each; 30 March is a March Monday) and
   6 April (1,000.00) = 3,571.43.
Y: internal mentor I (400 kr./h), period 1 December 2025 – 31 May 2026, 1 h/week.
   Week of Monday 29 December 2025 (ISO week 1 of 2026): approved, but December's.
   Week of 5 January: 90 min approved = 600.00 actual.
   Committed: 4/7 × 400 = 228.57, the weeks of 23 and 30 March (800.00), four April
   weeks (1,600.00) and four May weeks (1,600.00) = 4,228.57.
"""

import datetime as dt
from decimal import Decimal

import pytest

from forloeb import services as forloeb_services
from forloeb.models import MentorType
from oekonomi import services
from oekonomi.selectors.budget import INTERN, budget, kurser_bag
from organisation.models import Rolle
from tests.factories import ForloebFactory, MentorFactory, TeamFactory, user_with_role
from tidsregistrering import services as tid

from .conftest import klokken, registrer, uge

pytestmark = pytest.mark.django_db
D = dt.date
I_DAG = D(2026, 3, 18)


def _forloeb(sb, team, mentor, start, slut, timer):
    f = ForloebFactory(team=team, sagsbehandler=sb)
    forloeb_services.tildel_mentor(user=sb, forloeb=f, mentor=mentor, fra=start)
    forloeb_services.bevilg_periode(
        user=sb, forloeb=f, start=start, slut=slut, timer_pr_uge=Decimal(timer),
        kvalifikationer="Erfaren.", besluttet=start,
    )  # fmt: skip
    f.refresh_from_db()
    return f


@pytest.fixture
def b(db):
    team = TeamFactory()
    sb = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    with klokken(D(2025, 11, 20)):
        lev = services.opret_leverandoer(user=leder, navn="Mentorhuset ApS", cvr="12345678")
        services.ny_kontraktperiode(user=leder, leverandoer=lev, start=D(2025, 1, 1), timepris=500)
        services.ny_intern_timesats(
            user=leder, mentortype=MentorType.INTERN, start=D(2025, 1, 1), timepris=400
        )
    e = MentorFactory(
        organisation=team.organisation, type=MentorType.EKSTERN, leverandoer=lev,
        bruger=user_with_role(Rolle.MENTOR, team=team),
    )  # fmt: skip
    i = MentorFactory(
        organisation=team.organisation, bruger=user_with_role(Rolle.MENTOR, team=team)
    )
    with klokken(D(2025, 12, 1)):
        y = _forloeb(sb, team, i, D(2025, 12, 1), D(2026, 5, 31), "1")
    with klokken(I_DAG):
        x = _forloeb(sb, team, e, D(2026, 3, 2), D(2026, 4, 12), "2")
        registrer(e, x, D(2026, 3, 2), (0, 150))
        registrer(e, x, D(2026, 3, 9), (0, 120))
        registrer(i, y, D(2025, 12, 29), (0, 60))
        registrer(i, y, D(2026, 1, 5), (0, 90))
        for f, mandag, m in ((x, D(2026, 3, 2), e), (y, D(2025, 12, 29), i), (y, D(2026, 1, 5), i)):
            tid.godkend_uge(user=sb, registrering=uge(f, mandag, m))
    bud = budget(organisation_id=team.organisation_id, team_ids=[team.pk], aar=2026, i_dag=I_DAG)
    bud.lev, bud.x, bud.y = lev, x, y
    return bud


def test_aaret_i_alt(b):
    assert (b.i_alt.faktisk, b.i_alt.afventer, b.i_alt.forpligtet) == (
        Decimal("1850.00"), Decimal("1000.00"), Decimal("7800.00")
    )  # fmt: skip
    assert b.i_alt.prognose == Decimal("10650.00")
    assert b.forpligtet_efter_aaret == 0


def test_pr_maaned(b):
    pr = {m.month: t for m, t in b.maaneder}
    assert (pr[1].faktisk, pr[1].prognose) == (Decimal("600.00"), Decimal("600.00"))
    assert (pr[3].faktisk, pr[3].afventer, pr[3].forpligtet) == (
        Decimal("1250.00"), Decimal("1000.00"), Decimal("3600.00")
    )  # fmt: skip
    assert (pr[4].forpligtet, pr[5].forpligtet, pr[6].prognose) == (
        Decimal("2600.00"), Decimal("1600.00"), 0
    )  # fmt: skip
    assert pr[12].prognose == 0  # the week of 29 December 2025 is December 2025's


def test_pr_leverandoer_og_mentortype(b):
    lev = {r.noegle: r.tal for r in b.grupper["leverandoer"]}
    assert lev[str(b.lev.pk)].prognose == Decimal("5821.43")
    assert lev[INTERN].prognose == Decimal("4828.57")
    typer = {r.noegle: r.tal.prognose for r in b.grupper["mentortype"]}
    assert typer == {"ekstern": Decimal("5821.43"), "intern": Decimal("4828.57")}


def test_leverandoer_over_bevilget_flages(b):
    tal = next(r.tal for r in b.grupper["leverandoer"] if r.noegle == str(b.lev.pk))
    assert (tal.timer_leveret, tal.timer_bevilget, tal.timer_over) == (
        Decimal("2.50"), Decimal("2.00"), Decimal("0.50")
    )  # fmt: skip
    assert [r.noegle for r in b.over_bevilget] == [str(b.lev.pk)]


def test_drill_down_til_forloeb(b):
    kurser = kurser_bag(b, leverandoer=str(b.lev.pk))
    assert [(k.forloeb_id, k.tal.prognose) for k in kurser] == [(b.x.pk, Decimal("5821.43"))]
    januar = kurser_bag(b, maaned=1)
    assert [(k.forloeb_id, k.tal.faktisk) for k in januar] == [(b.y.pk, Decimal("600.00"))]
    assert kurser_bag(b, mentortype="bostoette") == []


def test_tomt_budget(db):
    team = TeamFactory()
    tomt = budget(organisation_id=team.organisation_id, team_ids=[team.pk], aar=2026, i_dag=I_DAG)
    assert tomt.i_alt.prognose == 0 and all(rows == [] for rows in tomt.grupper.values())


def test_forpligtet_efter_aaret_og_uge_53(db):
    """Today Wednesday 16 December 2026; 7 h/week at 400 kr. until 31 January 2027. The week
    of Monday 28 December (ISO week 53) is December's; January's weeks come after the year."""
    team = TeamFactory()
    sb = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    with klokken(D(2026, 12, 16)):
        services.ny_intern_timesats(
            user=user_with_role(Rolle.OEKONOMI, team=team),
            mentortype=MentorType.INTERN,
            start=D(2026, 1, 1),
            timepris=400,
        )
        i = MentorFactory(organisation=team.organisation)
        _forloeb(sb, team, i, D(2026, 12, 1), D(2027, 1, 31), "7")
        b = budget(
            organisation_id=team.organisation_id,
            team_ids=[team.pk],
            aar=2026,
            i_dag=D(2026, 12, 16),
        )
    pr = {m.month: t for m, t in b.maaneder}
    assert pr[12].forpligtet == Decimal("1600.00") + 2 * Decimal("2800.00")
    assert b.forpligtet_efter_aaret == 4 * Decimal("2800.00")


def _api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_giver_budgettets_tal(b):
    leder = user_with_role(Rolle.TEAMLEDER, team=b.x.team)
    with klokken(I_DAG):
        svar = _api(leder).get("/api/v1/budget/", {"aar": 2026})
    assert svar.status_code == 200, svar.content
    data = svar.json()
    assert data["i_alt"]["faktisk"] == "1850.00"
    assert (data["i_alt"]["afventer"], data["i_alt"]["forpligtet"]) == ("1000.00", "7800.00")
    assert data["i_alt"]["prognose"] == "10650.00"
    marts = next(m for m in data["maaneder"] if m["maaned"] == "2026-03")
    assert (marts["faktisk"], marts["forpligtet"]) == ("1250.00", "3600.00")
    assert data["leverandoerer_over_bevilget"] == [str(b.lev.pk)]


def test_api_budget_afviser_forkert_aar_og_andre_roller(b):
    leder = user_with_role(Rolle.TEAMLEDER, team=b.x.team)
    with klokken(I_DAG):
        svar = _api(leder).get("/api/v1/budget/", {"aar": "1800"})
        assert svar.status_code == 400 and "aar" in svar.json()
        sb = user_with_role(Rolle.SAGSBEHANDLER, team=b.x.team)
        assert _api(sb).get("/api/v1/budget/").status_code == 403
