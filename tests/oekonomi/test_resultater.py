"""Outcome shares and both voices, with cells of fewer than 5 courses suppressed."""

import datetime as dt
from decimal import Decimal

import pytest

from forloeb.models import (
    Afslutning,
    Arbejdspunkt,
    Bevilling,
    Forloeb,
    Progressionsvurdering,
    Resultat,
    Status,
)
from oekonomi.selectors.anonym import undertryk
from oekonomi.selectors.resultater import resultater, stemmer, varighed_kode
from tests.factories import ForloebFactory, TeamFactory

from .conftest import klokken

pytestmark = pytest.mark.django_db
D = dt.date
I_DAG = D(2026, 12, 1)


def _afsluttet(team, *, resultat=None, aarsag="maal_naaet", dage=120, formaal="uddannelse"):
    f = ForloebFactory(team=team, formaal=formaal)
    slut = D(2026, 3, 31)
    Bevilling.objects.create(
        forloeb=f, start=slut - dt.timedelta(days=dage - 1), slut=slut, timer_pr_uge=2,
        kvalifikationer="x", besluttet=slut, besluttet_af=f.sagsbehandler,
    )  # fmt: skip
    Afslutning.objects.create(
        forloeb=f, dato=slut, aarsag=aarsag, borger_vurdering=3, mentor_vurdering=4,
        afsluttet_af=f.sagsbehandler,
    )  # fmt: skip
    Forloeb.objects.filter(pk=f.pk).update(status=Status.AFSLUTTET)
    if resultat:
        Resultat.objects.create(
            forloeb=f, maaned=6, resultat=resultat, registreret_af=f.sagsbehandler
        )
    return f


def _tabel(r, dimension):
    return next(t for t in r.tabeller if t.dimension == dimension)


def _r(team_ids, org):
    return resultater(organisation_id=org, team_ids=team_ids, maaned=6, i_dag=I_DAG)


def test_fem_forloeb_vises_med_andele(db):
    team = TeamFactory()
    for res in ["ordinaert_job"] * 3 + ["uddannelse", "paa_ydelse"]:
        _afsluttet(team, resultat=res)
    r = _r([team.pk], team.organisation_id)
    celle = _tabel(r, "team").raekker[0].celle
    assert (celle.n, celle.skjult) == (5, False)
    assert dict(celle.andele) == {
        "ordinaert_job": 60, "uddannelse": 20, "stoettet_job": 0, "paa_ydelse": 20, "andet": 0
    }  # fmt: skip
    assert _tabel(r, "team").i_alt.n == 5 and not _tabel(r, "team").i_alt.skjult


def test_fire_forloeb_skjules(db):
    team = TeamFactory()
    for _n in range(4):
        _afsluttet(team, resultat="ordinaert_job")
    r = _r([team.pk], team.organisation_id)
    for tabel in r.tabeller:
        assert all(raekke.celle.skjult for raekke in tabel.raekker)
        assert tabel.i_alt.skjult


def test_en_skjult_celle_kan_ikke_regnes_ud_fra_totalen(db):
    teams = [TeamFactory(), None, None]
    teams[1] = TeamFactory(organisation=teams[0].organisation)
    teams[2] = TeamFactory(organisation=teams[0].organisation)
    for team, n in zip(teams, (4, 5, 6), strict=True):
        for _n in range(n):
            _afsluttet(team, resultat="uddannelse")
    r = _r([t.pk for t in teams], teams[0].organisation_id)
    celler = {raekke.noegle: raekke.celle for raekke in _tabel(r, "team").raekker}
    assert [celler[str(t.pk)].skjult for t in teams] == [True, True, False]
    assert _tabel(r, "team").i_alt.n == 15


def test_annullerede_kladder_og_forloeb_uden_resultat_taeller_ikke_med(db):
    team = TeamFactory()
    for _n in range(5):
        _afsluttet(team, resultat="stoettet_job")
    _afsluttet(team, resultat="ordinaert_job", aarsag="annulleret")
    _afsluttet(team)
    r = _r([team.pk], team.organisation_id)
    assert _tabel(r, "team").i_alt.n == 5
    assert r.mangler == 1  # ended 31 March: the 6-month mark has passed


def test_varighedsbaand():
    assert [varighed_kode(d) for d in (1, 91, 92, 182, 183, 365, 366)] == [
        "0_3", "0_3", "3_6", "3_6", "6_12", "6_12", "12_"
    ]  # fmt: skip


class _C:
    def __init__(self, n):
        self.n, self.skjult = n, False


@pytest.mark.parametrize(
    ("antal", "skjult"),
    [
        ((5,), [False]),
        ((4,), [True]),
        ((4, 5, 6), [True, True, False]),
        ((4, 4, 9), [True, True, False]),
        ((1, 2, 9, 9), [True, True, True, False]),
        ((0, 5, 7), [False, False, False]),
        ((6, 7), [False, False]),
    ],
)
def test_komplementaer_undertrykkelse(antal, skjult):
    celler = [_C(n) for n in antal]
    undertryk(celler)
    assert [c.skjult for c in celler] == skjult


def _vurder(punkt, dato, mentor, borger):
    for hvem, score in (("mentor", mentor), ("borger", borger)):
        Progressionsvurdering.objects.create(
            arbejdspunkt=punkt, dato=dato, vurderet_af=hvem, score=score,
            registreret_af=punkt.forloeb.sagsbehandler,
        )  # fmt: skip


@klokken(D(2026, 6, 1))
def test_begge_stemmer_og_arbejdspunkter(db):
    """Work points achieved or dropped count in the year their status was set."""
    team = TeamFactory()
    for n in range(5):
        f = ForloebFactory(team=team)
        punkt = Arbejdspunkt.objects.create(
            forloeb=f, titel="Møde til tiden", status="opnaaet" if n < 3 else "opgivet"
        )
        _vurder(punkt, D(2026, 1, 10), mentor=2, borger=2)
        _vurder(punkt, D(2026, 2, 10), mentor=4, borger=2)  # the quarter's latest counts
        _vurder(punkt, D(2026, 5, 10), mentor=5, borger=4)
    s = stemmer(organisation_id=team.organisation_id, team_ids=[team.pk], aar=2026)
    raekke = s.grupper["team"][0]
    q1, q2 = raekke.kvartaler[0], raekke.kvartaler[1]
    assert (q1.n, q1.forskel, q1.mentor_andel, q1.borger_andel) == (5, Decimal("2.0"), 100, 0)
    assert (q2.forskel, q2.borger_andel) == (Decimal("1.0"), 100)
    assert raekke.aaret.par == 10
    assert (raekke.punkter.opnaaet, raekke.punkter.opgivet, raekke.punkter.andel_opnaaet) == (
        3, 2, 60
    )  # fmt: skip


@klokken(D(2026, 6, 1))
def test_begge_stemmer_med_fire_forloeb_skjules(db):
    team = TeamFactory()
    for _n in range(4):
        punkt = Arbejdspunkt.objects.create(forloeb=ForloebFactory(team=team), titel="x")
        _vurder(punkt, D(2026, 1, 10), mentor=4, borger=2)
    s = stemmer(organisation_id=team.organisation_id, team_ids=[team.pk], aar=2026)
    assert s.grupper["team"][0].aaret.skjult and s.i_alt.aaret.skjult
    assert s.i_alt.punkter.skjult


def test_api_giver_andele_og_skjuler_smaa_celler(db):
    import time_machine
    from rest_framework.test import APIClient

    from organisation.models import Rolle
    from tests.factories import user_with_role

    stor = TeamFactory()
    lille = TeamFactory(organisation=stor.organisation)
    for res in ["ordinaert_job"] * 3 + ["uddannelse", "paa_ydelse"]:
        _afsluttet(stor, resultat=res)
    for _n in range(4):
        _afsluttet(lille, resultat="ordinaert_job")
    leder = user_with_role(Rolle.TEAMLEDER, team=stor)
    lille.ledere.add(leder)
    client = APIClient()
    client.force_authenticate(leder)
    with time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), tick=False):
        svar = client.get("/api/v1/resultater/", {"maaned": 6, "team": stor.pk})
        skjult = client.get("/api/v1/resultater/", {"maaned": 6, "team": lille.pk})
        forkert = client.get("/api/v1/resultater/", {"maaned": 5})
    assert svar.status_code == 200, svar.content
    team = next(t for t in svar.json()["tabeller"] if t["dimension"] == "team")
    assert team["i_alt"] == {
        "skjult": False,
        "antal_forloeb": 5,
        "andele": {
            "ordinaert_job": 60, "uddannelse": 20, "stoettet_job": 0, "paa_ydelse": 20,
            "andet": 0,
        },
    }  # fmt: skip
    team = next(t for t in skjult.json()["tabeller"] if t["dimension"] == "team")
    assert team["i_alt"] == {"skjult": True, "antal_forloeb": None, "andele": None}
    assert forkert.status_code == 400 and "maaned" in forkert.json()
