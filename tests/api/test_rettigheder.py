"""The permission matrix: every endpoint × every role × own team / other team / other
organisation. A cell is the HTTP status, and for lists whether the target row is there
("200+" listed, "200-" not listed). Writes run inside a savepoint that is rolled back, so
each cell starts from the same world."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from tests.factories import cpr_for

from .conftest import ROLLER, SCOPES, Verden

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
I_DAG = timezone.localdate


def _bevilling_body(v: Verden, s: str) -> dict:
    forste = v.forloeb[s].bevillinger.get()
    start = forste.slut + dt.timedelta(days=1)
    return {
        "start": start.isoformat(),
        "slut": (start + dt.timedelta(days=60)).isoformat(),
        "timer_pr_uge": "2",
        "kvalifikationer": "Kendt mentor.",
        "vurdering": "Fortsat behov for støtte.",
    }


def _uge_body(v: Verden, s: str) -> dict:
    today = I_DAG()
    aar, uge, _d = today.isocalendar()
    return {
        "forloeb": v.forloeb[s].pk,
        "aar": aar,
        "uge": uge,
        "kontakter": [{"dato": today.isoformat(), "minutter": 30, "form": "telefon"}],
    }


def _timeaendringer_url(v: Verden, s: str) -> str:
    forloeb = v.forloeb[s]
    return f"{V1}/forloeb/{forloeb.pk}/bevillinger/{forloeb.bevillinger.get().pk}/timeaendringer/"


def _timeaendring_body(v: Verden, s: str) -> dict:
    bevilling = v.forloeb[s].bevillinger.get()
    return {
        "gaelder_fra": (bevilling.start + dt.timedelta(days=14)).isoformat(),
        "timer_pr_uge": "3",
        "begrundelse": "Mere støtte op til eksamen.",
    }


def _arbejdspunkt_url(v: Verden, s: str, hvad: str) -> str:
    return f"{V1}/forloeb/{v.forloeb[s].pk}/arbejdspunkter/{v.arbejdspunkter[s].pk}/{hvad}/"


# name: (method, url(v, s), body(v, s) or None, list-target id(v, s) or None)
ENDPOINTS = {
    "borgere_liste": (
        "get",
        lambda v, s: f"{V1}/borgere/",
        None,
        lambda v, s: v.forloeb[s].borger_id,
    ),
    "borgere_detalje": ("get", lambda v, s: f"{V1}/borgere/{v.forloeb[s].borger_id}/", None, None),
    "borgere_opret": (
        "post",
        lambda v, s: f"{V1}/borgere/",
        lambda v, s: {"cpr": cpr_for(4321), "navn": "Ny Borger", "ydelsesgruppe": "su"},
        None,
    ),
    "borgere_soeg": (
        "post",
        lambda v, s: f"{V1}/borgere/soeg/",
        lambda v, s: {"cpr": v.forloeb[s].borger.cpr_fuldt()},
        lambda v, s: v.forloeb[s].borger_id,
    ),
    "mentorer_liste": (
        "get",
        lambda v, s: f"{V1}/mentorer/",
        None,
        lambda v, s: v.forloeb[s].mentor_id,
    ),
    "mentorer_detalje": (
        "get",
        lambda v, s: f"{V1}/mentorer/{v.forloeb[s].mentor_id}/",
        None,
        None,
    ),
    "forloeb_liste": ("get", lambda v, s: f"{V1}/forloeb/", None, lambda v, s: v.forloeb[s].pk),
    "forloeb_detalje": ("get", lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/", None, None),
    "forloeb_opret": (
        "post",
        lambda v, s: f"{V1}/forloeb/",
        lambda v, s: {
            "borger": v.forloeb[s].borger_id,
            "mentor": v.ledige_mentorer["eget"].pk,
            "formaal": "tilbud",
            "maal": "Mål",
            "opgaver": "Opgaver",
        },
        None,
    ),
    "bevillinger_liste": (
        "get",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/bevillinger/",
        None,
        None,
    ),
    "bevillinger_opret": (
        "post",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/bevillinger/",
        _bevilling_body,
        None,
    ),
    "moeder_liste": ("get", lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/moeder/", None, None),
    "moeder_opret": (
        "post",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/moeder/",
        lambda v, s: {"type": "opfoelgning", "dato": I_DAG().isoformat()},
        None,
    ),
    "opfoelgninger_liste": (
        "get",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/opfoelgninger/",
        None,
        None,
    ),
    "opfoelgninger_opret": (
        "post",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/opfoelgninger/",
        lambda v, s: {"dato": I_DAG().isoformat(), "leveret": "ja", "kontakt_som_bevilget": True},
        None,
    ),
    "mentorskift_liste": (
        "get",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/mentorskift/",
        None,
        None,
    ),
    "mentorskift_opret": (
        "post",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/mentorskift/",
        lambda v, s: {
            "mentor": v.ledige_mentorer[s].pk,
            "begrundelse": "Bedre match.",
            "kvalifikationer": "Erfaren med unge.",
        },
        None,
    ),
    "afslut": (
        "post",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/afslut/",
        lambda v, s: {
            "dato": I_DAG().isoformat(),
            "aarsag": "job",
            "borger_vurdering": 4,
            "mentor_vurdering": 4,
        },
        None,
    ),
    "ugeregistreringer_liste": (
        "get",
        lambda v, s: f"{V1}/ugeregistreringer/",
        None,
        lambda v, s: v.registreringer[s].pk,
    ),
    "ugeregistreringer_detalje": (
        "get",
        lambda v, s: f"{V1}/ugeregistreringer/{v.registreringer[s].pk}/",
        None,
        None,
    ),
    "ugeregistreringer_opret": ("post", lambda v, s: f"{V1}/ugeregistreringer/", _uge_body, None),
    "ugeregistreringer_godkend": (
        "post",
        lambda v, s: f"{V1}/ugeregistreringer/{v.registreringer[s].pk}/godkend/",
        lambda v, s: {},
        None,
    ),
    "advarsler_liste": (
        "get",
        lambda v, s: f"{V1}/advarsler/",
        None,
        lambda v, s: v.advarsler[s].pk,
    ),
    "advarsler_detalje": ("get", lambda v, s: f"{V1}/advarsler/{v.advarsler[s].pk}/", None, None),
    "dashboard": ("get", lambda v, s: f"{V1}/dashboard/", None, None),
    "forloeb_ret": (
        "patch",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/",
        lambda v, s: {"version": v.forloeb[s].version, "maal": "Nyt mål."},
        None,
    ),
    "timeaendringer_liste": ("get", _timeaendringer_url, None, None),
    "timeaendringer_opret": ("post", _timeaendringer_url, _timeaendring_body, None),
    "aftaler_liste": ("get", lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/aftaler/", None, None),
    "aftaler_udlevering": (
        "post",
        lambda v, s: (
            f"{V1}/forloeb/{v.forloeb[s].pk}/aftaler/"
            f"{v.forloeb[s].bevillinger.get().aftale.pk}/udlevering/"
        ),
        lambda v, s: {"udleveret": I_DAG().isoformat(), "udleveringsmaade": "personligt"},
        None,
    ),
    "arbejdspunkter_liste": (
        "get",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/arbejdspunkter/",
        None,
        None,
    ),
    "arbejdspunkter_opret": (
        "post",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/arbejdspunkter/",
        lambda v, s: {"titel": "Søge tre jobs om ugen"},
        None,
    ),
    "arbejdspunkt_status": (
        "post",
        lambda v, s: _arbejdspunkt_url(v, s, "status"),
        lambda v, s: {"status": "opnaaet"},
        None,
    ),
    "arbejdspunkt_vurdering": (
        "post",
        lambda v, s: _arbejdspunkt_url(v, s, "vurderinger"),
        lambda v, s: {"vurderet_af": "borger", "score": 3, "kommentar": ""},
        None,
    ),
    "statusrapporter_liste": (
        "get",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/statusrapporter/",
        None,
        None,
    ),
    "statusrapporter_opret": (
        "post",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/statusrapporter/",
        lambda v, s: {"tekst": "Godt i gang."},
        None,
    ),
    "resultater_liste": (
        "get",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/resultater/",
        None,
        None,
    ),
    "resultater_opret": (
        "post",
        lambda v, s: f"{V1}/forloeb/{v.forloeb[s].pk}/resultater/",
        lambda v, s: {"maaned": 3, "resultat": "uddannelse"},
        None,
    ),
}

# Shorthands for the rows below.
NEJ = (403, 403, 403)  # administrator and users without a role: no case data at all
SE_EGET = (200, 404, 404)
LISTE_EGET = ("200+", "200-", "200-")
LISTE_ORG = ("200+", "200+", "200-")
SKRIV_EGET = (201, 404, 404)
RET_EGET = (200, 404, 404)
IKKE_SKRIV = (403, 404, 404)
KOORD_INDHOLD = (403, 403, 404)  # sees the course's headline, not its content

EXPECTED = {
    "borgere_liste": dict(
        sagsbehandler=LISTE_ORG,
        mentor=LISTE_EGET,
        mentorkoordinator=LISTE_ORG,
        teamleder=LISTE_EGET,
    ),
    "borgere_detalje": dict(
        sagsbehandler=(200, 200, 404),
        mentor=SE_EGET,
        mentorkoordinator=(200, 200, 404),
        teamleder=SE_EGET,
    ),
    "borgere_opret": dict(
        sagsbehandler=(201, 201, 201), mentor=NEJ, mentorkoordinator=NEJ, teamleder=NEJ
    ),
    "borgere_soeg": dict(
        sagsbehandler=LISTE_ORG,
        mentor=LISTE_EGET,
        mentorkoordinator=LISTE_ORG,
        teamleder=LISTE_EGET,
    ),
    "mentorer_liste": dict(
        sagsbehandler=LISTE_ORG, mentor=LISTE_EGET, mentorkoordinator=LISTE_ORG, teamleder=LISTE_ORG
    ),
    "mentorer_detalje": dict(
        sagsbehandler=(200, 200, 404),
        mentor=SE_EGET,
        mentorkoordinator=(200, 200, 404),
        teamleder=(200, 200, 404),
    ),
    "forloeb_liste": dict(
        sagsbehandler=LISTE_EGET,
        mentor=LISTE_EGET,
        mentorkoordinator=LISTE_ORG,
        teamleder=LISTE_EGET,
    ),
    "forloeb_detalje": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=(200, 200, 404), teamleder=SE_EGET
    ),
    # A citizen of another organisation is answered like one that does not exist.
    "forloeb_opret": dict(
        sagsbehandler=(201, 201, 400), mentor=NEJ, mentorkoordinator=NEJ, teamleder=NEJ
    ),
    "bevillinger_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    "bevillinger_opret": dict(
        sagsbehandler=SKRIV_EGET,
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "moeder_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    "moeder_opret": dict(
        sagsbehandler=SKRIV_EGET,
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "opfoelgninger_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    "opfoelgninger_opret": dict(
        sagsbehandler=SKRIV_EGET,
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    # The reasons for a change are case content: not for the coordinator (headlines only).
    "mentorskift_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    "mentorskift_opret": dict(
        sagsbehandler=SKRIV_EGET,
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "afslut": dict(
        sagsbehandler=SKRIV_EGET,
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    # Contacts and topics are case content: the coordinator matches mentors, she does not
    # read the weeks.
    "ugeregistreringer_liste": dict(
        sagsbehandler=LISTE_EGET,
        mentor=LISTE_EGET,
        mentorkoordinator=("200-", "200-", "200-"),
        teamleder=LISTE_EGET,
    ),
    "ugeregistreringer_detalje": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=(404, 404, 404), teamleder=SE_EGET
    ),
    # The course id is in the body: one the user may not see is answered like a missing one.
    "ugeregistreringer_opret": dict(
        sagsbehandler=(403, 400, 400),
        mentor=(201, 400, 400),
        mentorkoordinator=(403, 403, 400),
        teamleder=(403, 400, 400),
    ),
    "ugeregistreringer_godkend": dict(
        sagsbehandler=(200, 404, 404),
        mentor=IKKE_SKRIV,
        mentorkoordinator=(404, 404, 404),
        teamleder=IKKE_SKRIV,
    ),
    "advarsler_liste": dict(
        sagsbehandler=LISTE_EGET,
        mentor=LISTE_EGET,
        mentorkoordinator=LISTE_ORG,
        teamleder=LISTE_EGET,
    ),
    "advarsler_detalje": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=(200, 200, 404), teamleder=SE_EGET
    ),
    "dashboard": dict(
        sagsbehandler=NEJ, mentor=NEJ, mentorkoordinator=NEJ, teamleder=(200, 200, 200)
    ),
    "forloeb_ret": dict(
        sagsbehandler=RET_EGET,
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "timeaendringer_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    "timeaendringer_opret": dict(
        sagsbehandler=SKRIV_EGET,
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "aftaler_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    "aftaler_udlevering": dict(
        sagsbehandler=RET_EGET,
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "arbejdspunkter_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    # Work points are the caseworker's and the current mentor's.
    "arbejdspunkter_opret": dict(
        sagsbehandler=SKRIV_EGET,
        mentor=SKRIV_EGET,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "arbejdspunkt_status": dict(
        sagsbehandler=RET_EGET,
        mentor=RET_EGET,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "arbejdspunkt_vurdering": dict(
        sagsbehandler=SKRIV_EGET,
        mentor=SKRIV_EGET,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "statusrapporter_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    # The status report is the current mentor's alone.
    "statusrapporter_opret": dict(
        sagsbehandler=IKKE_SKRIV,
        mentor=SKRIV_EGET,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
    "resultater_liste": dict(
        sagsbehandler=SE_EGET, mentor=SE_EGET, mentorkoordinator=KOORD_INDHOLD, teamleder=SE_EGET
    ),
    # The course is still active: the caseworker passes the gate and meets the rule (400 on
    # `maaned`); the 201 for an ended course is in test_flere_ressourcer.py.
    "resultater_opret": dict(
        sagsbehandler=(400, 404, 404),
        mentor=IKKE_SKRIV,
        mentorkoordinator=KOORD_INDHOLD,
        teamleder=IKKE_SKRIV,
    ),
}
for _row in EXPECTED.values():
    _row.setdefault("administrator", NEJ)
    _row.setdefault("ingen", NEJ)


def _cell(v: Verden, rolle: str, endpoint: str, scope: str):
    method, url, body, target = ENDPOINTS[endpoint]
    client = v.klient(rolle)
    with transaction.atomic():
        if method == "get":
            response = client.get(url(v, scope))
        else:
            send = getattr(client, method)
            response = send(url(v, scope), body(v, scope), format="json")
        transaction.set_rollback(True)
    assert response.status_code < 500, response.content
    if target is None or response.status_code != 200:
        return response.status_code
    data = response.json()
    rows = data["results"] if isinstance(data, dict) else data
    return "200+" if target(v, scope) in [r["id"] for r in rows] else "200-"


@pytest.mark.parametrize("rolle", ROLLER)
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_rettighedsmatrix(matrixverden, db, endpoint, rolle):
    v = matrixverden
    actual = {scope: _cell(v, rolle, endpoint, scope) for scope in SCOPES}
    expected = dict(zip(SCOPES, EXPECTED[endpoint][rolle], strict=True))
    assert actual == expected


def test_matrixen_daekker_alle_endpoints_og_roller():
    assert set(EXPECTED) == set(ENDPOINTS)
    for row in EXPECTED.values():
        assert set(row) == set(ROLLER)
