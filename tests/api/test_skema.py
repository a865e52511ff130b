"""The OpenAPI schema tells the truth (what schemathesis checks in the slow run, asserted
here directly): nullable where data can be null, "" where data can be blank, integer
filters typed integer, error answers documented, and 401 with WWW-Authenticate."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def skema(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def _tillader_tom(felt) -> bool:
    return any(ref.get("$ref", "").endswith("/BlankEnum") for ref in felt.get("oneOf", []))


def test_felter_der_kan_vaere_tomme_eller_null_siger_det(skema):
    s = skema["components"]["schemas"]
    assert s["Forloeb"]["properties"]["mentor_navn"]["nullable"] is True
    assert _tillader_tom(s["Forloeb"]["properties"]["formaal"])
    assert _tillader_tom(s["Mentoraftale"]["properties"]["udleveringsmaade"])
    assert _tillader_tom(s["MentoraftaleFuld"]["properties"]["udleveringsmaade"])


def test_heltalsfiltre_er_typet_integer(skema):
    numbers = [
        (path, p["name"])
        for path, ops in skema["paths"].items()
        for op in ops.values()
        for p in op.get("parameters", [])
        if p["schema"].get("type") == "number"
    ]
    assert numbers == []
    params = skema["paths"]["/api/v1/ugeregistreringer/"]["get"]["parameters"]
    assert {p["name"]: p["schema"]["type"] for p in params}["aar"] == "integer"


def test_hver_operation_dokumenterer_fejlsvarene(skema):
    mangler = [
        (method, path, kode)
        for path, ops in skema["paths"].items()
        for method, op in ops.items()
        for kode in ("400", "401", "403", "404")
        if kode not in op["responses"]
    ]
    assert mangler == []


def test_uden_login_svarer_api_et_401_med_www_authenticate(db):
    cache.clear()
    for url in ("/api/v1/borgere/", "/api/v1/forloeb/", "/api/v1/auth/tokens/"):
        response = APIClient().get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token", url


def test_ukendt_adresse_under_api_svarer_json(db):
    response = APIClient().get("/api/v1/findes-ikke/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_ugyldig_page_size_er_400(verden):
    client = verden.klient("sagsbehandler")
    assert client.get("/api/v1/borgere/", {"page_size": "false"}).status_code == 400
    assert client.get("/api/v1/borgere/", {"page_size": "0"}).status_code == 400
    assert client.get("/api/v1/borgere/", {"page_size": "100000"}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/forloeb/?borger=",
        "/api/v1/forloeb/?status=",
        "/api/v1/mentorer/?type=",
        "/api/v1/ugeregistreringer/?aar=",
    ],
)
def test_filter_uden_vaerdi_er_400_ikke_en_ufiltreret_liste(url):
    """Found by schemathesis (ST201): `?borger=` answered 200 with every course, though
    the schema says an integer. Kept as a plain test."""
    from organisation.models import Rolle
    from tests.factories import user_with_role

    from .conftest import api_client

    svar = api_client(user_with_role(Rolle.SAGSBEHANDLER)).get(url)
    assert svar.status_code == 400, svar.content
    (felt,) = svar.json()
    assert felt in url and "udelad parameteren" in svar.json()[felt][0]
