"""Malformed input to every endpoint: junk types, huge numbers, impossible dates, nested
rubbish. Every answer is a 4xx with a JSON body, never a 5xx. (Schemathesis does the same
with generated data in test_schemathesis.py, marked slow.)"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from .conftest import tilfoej_arbejdspunkter

pytestmark = pytest.mark.django_db

JUNK = [
    None,
    "",
    "x" * 20_000,
    -1,
    0,
    10**30,
    -(10**30),
    1.5,
    "NaN",
    "Infinity",
    "1e400",
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
    "2026-W99",
    True,
    [],
    [None],
    {},
    {"a": {"b": [1, {"c": None}]}},
    [{"dato": "9999-12-31", "minutter": 10**20, "form": {}, "emner": "x"}],
    "\x00",
    "😀",
]

FIELDS = [
    "cpr",
    "navn",
    "ydelsesgruppe",
    "problemomraader",
    "borger",
    "mentor",
    "team",
    "formaal",
    "maal",
    "opgaver",
    "lovgrundlag",
    "udskrivningsdato",
    "start",
    "slut",
    "timer_pr_uge",
    "kvalifikationer",
    "vurdering",
    "type",
    "dato",
    "deltagere",
    "leveret",
    "kontakt_som_bevilget",
    "naeste_dato",
    "fra",
    "begrundelse",
    "tilsidesaet_begrundelse",
    "aarsag",
    "borger_vurdering",
    "mentor_vurdering",
    "forloeb",
    "aar",
    "uge",
    "kontakter",
    "ingen_kontakt_aarsag",
    "version",
    "gaelder_fra",
    "udleveret",
    "udleveringsmaade",
    "titel",
    "status",
    "vurderet_af",
    "score",
    "kommentar",
    "tekst",
    "maaned",
    "resultat",
    "stoettetype",
    "ud_over_normalt",
    "username",
    "password",
]


def _posts(v):
    f = v.forloeb["eget"].pk
    r = v.registreringer["eget"].pk
    b = v.forloeb["eget"].bevillinger.get()
    ap = v.arbejdspunkter["eget"].pk
    return [
        f"/api/v1/forloeb/{f}/bevillinger/{b.pk}/timeaendringer/",
        f"/api/v1/forloeb/{f}/aftaler/{b.aftale.pk}/udlevering/",
        f"/api/v1/forloeb/{f}/arbejdspunkter/",
        f"/api/v1/forloeb/{f}/arbejdspunkter/{ap}/status/",
        f"/api/v1/forloeb/{f}/arbejdspunkter/{ap}/vurderinger/",
        f"/api/v1/forloeb/{f}/statusrapporter/",
        f"/api/v1/forloeb/{f}/resultater/",
        "/api/v1/auth/token/",
        "/api/v1/borgere/",
        "/api/v1/borgere/soeg/",
        "/api/v1/forloeb/",
        f"/api/v1/forloeb/{f}/bevillinger/",
        f"/api/v1/forloeb/{f}/moeder/",
        f"/api/v1/forloeb/{f}/opfoelgninger/",
        f"/api/v1/forloeb/{f}/mentorskift/",
        f"/api/v1/forloeb/{f}/afslut/",
        "/api/v1/ugeregistreringer/",
        f"/api/v1/ugeregistreringer/{r}/godkend/",
        f"/api/v1/ugeregistreringer/{r}/genaabn/",
    ]


QUERY_JUNK = ["-1", "99999999999999999999999", "1.5", "1e5", "x", "", "%00", "2026-W99", "true"]
LISTS = [
    ("/api/v1/borgere/", ["q", "page", "page_size"]),
    ("/api/v1/mentorer/", ["aktiv", "type", "page"]),
    ("/api/v1/forloeb/", ["status", "team", "sagsbehandler", "mentor", "borger", "page"]),
    (
        "/api/v1/ugeregistreringer/",
        ["forloeb", "mentor", "aar", "uge", "fra_uge", "til_uge", "page_size"],
    ),
    ("/api/v1/advarsler/", ["regel", "forloeb", "aaben", "ansvarlig"]),
    ("/api/v1/dashboard/", ["team", "sagsbehandler", "mentor"]),
]


def _patches(v):
    return [f"/api/v1/forloeb/{v.forloeb['eget'].pk}/"]


@pytest.mark.parametrize("rolle", ["sagsbehandler", "mentor", "teamleder"])
def test_skrald_i_body_giver_aldrig_5xx(verden, rolle):
    tilfoej_arbejdspunkter(verden)
    client = verden.klient(rolle)
    fejl = []
    kald = [(client.post, url) for url in _posts(verden)]
    kald += [(client.patch, url) for url in _patches(verden)]
    for send, url in kald:
        for junk in JUNK:
            bodies = [{field: junk for field in FIELDS}, junk]
            for body in bodies:
                response = send(url, body, format="json")
                if response.status_code >= 500:
                    fejl.append((url, repr(body)[:80], response.status_code))
        raw = send(url, b"{not json", content_type="application/json")
        if raw.status_code >= 500:
            fejl.append((url, "invalid json", raw.status_code))
    assert fejl == []


def test_skrald_i_indlejrede_id_er_giver_aldrig_5xx(verden):
    f = verden.forloeb["eget"].pk
    client = verden.klient("sagsbehandler")
    fejl = []
    for pk in ("0", "99999999999999999999999", "2147483648"):
        for url, send in (
            (f"/api/v1/forloeb/{f}/bevillinger/{pk}/timeaendringer/", client.get),
            (f"/api/v1/forloeb/{f}/aftaler/{pk}/udlevering/", client.post),
            (f"/api/v1/forloeb/{f}/arbejdspunkter/{pk}/status/", client.post),
            (f"/api/v1/forloeb/{f}/arbejdspunkter/{pk}/vurderinger/", client.post),
            (f"/api/v1/forloeb/{pk}/", client.patch),
        ):
            response = send(url, {}, format="json")
            if response.status_code != 404:
                fejl.append((url, response.status_code))
    assert fejl == []


def test_skrald_i_querystring_og_id_giver_aldrig_5xx(verden):
    fejl = []
    for rolle in ("sagsbehandler", "teamleder", "mentorkoordinator"):
        client = verden.klient(rolle)
        for url, params in LISTS:
            for param in params:
                for junk in QUERY_JUNK:
                    response = client.get(url, {param: junk})
                    if response.status_code >= 500:
                        fejl.append((rolle, url, param, junk, response.status_code))
        for prefix in ("borgere", "mentorer", "forloeb", "ugeregistreringer", "advarsler"):
            for pk in ("0", "-1", "99999999999999999999999", "abc"):
                response = client.get(f"/api/v1/{prefix}/{pk}/")
                if response.status_code >= 500 or response.status_code == 200:
                    fejl.append((rolle, prefix, pk, response.status_code))
    assert fejl == []


DYBT = b"[" * 100_000 + b"]" * 100_000
DYBT_OBJEKT = b'{"a":' * 50_000 + b"1" + b"}" * 50_000


@pytest.mark.parametrize("body", [DYBT, DYBT_OBJEKT, b"[" * 40 + b"]" * 40])
def test_dybt_indlejret_json_uden_login_paa_token_endpoint_er_400(db, body):
    from rest_framework.test import APIClient

    cache.clear()
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 400
    assert "indlejret" in response.json()["detail"]


def test_dybt_indlejret_json_paa_ethvert_json_endpoint_er_400(verden):
    client = verden.klient("sagsbehandler")
    f = verden.forloeb["eget"].pk
    for url in (
        "/api/v1/borgere/",
        "/api/v1/ugeregistreringer/",
        f"/api/v1/forloeb/{f}/bevillinger/",
        f"/api/v1/forloeb/{f}/moeder/",
    ):
        response = client.post(url, DYBT, content_type="application/json")
        assert response.status_code == 400, url
    response = client.patch(f"/api/v1/forloeb/{f}/", DYBT, content_type="application/json")
    assert response.status_code == 400
