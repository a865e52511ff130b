"""Lockout and throttling keyed on the client's real address (issue 13, holes 4 and 5), and
local passwords that production can switch off."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from organisation.models import Rolle
from organisation.session import LOGIN_METODE, NSIS_NIVEAU
from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
A, B = "198.51.100.7", "203.0.113.9"


@pytest.fixture(autouse=True)
def _ren_cache():
    cache.clear()
    yield
    cache.clear()


def token_forsoeg(user, password, ip, **meta):
    return APIClient().post(
        TOKEN_URL,
        {"username": user.username, "password": password},
        format="json",
        REMOTE_ADDR=ip,
        **meta,
    )


def test_ti_fejl_fra_en_adresse_laaser_kun_den_kombination(settings):
    settings.AXES_FAILURE_LIMIT = 10
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "1000/min"},
    }
    offer = user_with_role(Rolle.SAGSBEHANDLER)
    kollega = user_with_role(Rolle.SAGSBEHANDLER)
    for _i in range(9):
        assert token_forsoeg(offer, "forkert", A).status_code == 400
    assert token_forsoeg(offer, "forkert", A).status_code == 429  # the tenth locks

    laast = token_forsoeg(offer, PASSWORD, A)
    assert laast.status_code == 429
    assert laast["Content-Type"].startswith("application/json")
    assert "midlertidigt låst" in laast.json()["detail"]
    assert "token" not in laast.json()

    # The same username from another address, and a colleague behind the same address.
    assert token_forsoeg(offer, PASSWORD, B).status_code == 200
    assert token_forsoeg(kollega, PASSWORD, A).status_code == 200


def test_laasning_paa_log_ind_siden_er_dansk_html(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = user_with_role(Rolle.MENTOR)
    for _i in range(3):
        client.post(reverse("login"), {"username": user.username, "password": "x"})
    svar = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert svar.status_code == 429
    assert "Kontoen er midlertidigt låst" in svar.content.decode()


def test_laasning_foelger_proxyens_adresse_ikke_klientens_header(settings):
    """Behind a trusted proxy the address is the one the proxy appended, so a forged
    X-Forwarded-For entry neither escapes nor causes a lockout."""
    settings.AXES_FAILURE_LIMIT = 3
    settings.PROXY_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "1000/min"},
    }
    user = user_with_role(Rolle.MENTOR)
    for i in range(3):
        token_forsoeg(user, "x", "10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, {A}")
    assert (
        token_forsoeg(user, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR=f"9.9.9.9, {A}").status_code
        == 429
    )
    assert token_forsoeg(user, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR=B).status_code == 200


def test_throttle_nulstilles_ikke_af_ny_x_forwarded_for():
    # Unknown usernames, so django-axes locks nothing and every 429 is the throttle's.
    svar = [
        APIClient()
        .post(
            TOKEN_URL,
            {"username": f"ukendt{i}", "password": "x"},
            format="json",
            REMOTE_ADDR=A,
            HTTP_X_FORWARDED_FOR=f"10.1.{i}.1",
        )
        .status_code
        for i in range(21)
    ]
    assert svar[:20].count(429) == 0
    assert svar[20] == 429


def test_throttle_er_pr_klientadresse_bag_betroet_proxy(settings):
    settings.PROXY_CLIENT_IP_HEADER = "X-Forwarded-For"

    def forsoeg(i, klient_ip):
        return (
            APIClient()
            .post(
                TOKEN_URL,
                {"username": f"ukendt{i}", "password": "x"},
                format="json",
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=klient_ip,
            )
            .status_code
        )

    assert [forsoeg(i, A) for i in range(20)].count(429) == 0
    assert forsoeg(20, A) == 429
    assert forsoeg(21, B) == 400


# --- Local passwords ---------------------------------------------------------------------


def test_lokale_adgangskoder_kan_slaas_fra_undtagen_noedadgang(client, settings):
    settings.LOKALE_ADGANGSKODER = False
    almindelig = user_with_role(Rolle.SAGSBEHANDLER)
    noedadgang = user_with_role(Rolle.ADMINISTRATOR, noedadgang=True, is_staff=True)

    svar = client.post(reverse("login"), {"username": almindelig.username, "password": PASSWORD})
    assert svar.status_code == 200 and not svar.wsgi_request.user.is_authenticated
    assert token_forsoeg(almindelig, PASSWORD, A).status_code == 400

    svar = client.post(reverse("login"), {"username": noedadgang.username, "password": PASSWORD})
    assert svar.status_code == 302
    assert client.session[LOGIN_METODE] == "adgangskode"
    assert client.session[NSIS_NIVEAU] == ""


def test_log_ind_siden_viser_noedadgang_foldet_sammen_naar_adgangskoder_er_slaaet_fra(
    client, settings
):
    from sso.models import Identitetsudbyder, Protokol

    settings.LOKALE_ADGANGSKODER = False
    Identitetsudbyder.objects.create(
        navn="Kommunens Entra ID",
        slug="entra",
        protokol=Protokol.OIDC,
        issuer="https://idp.example",
        client_id="c",
        authorization_endpoint="https://idp.example/auth",
        token_endpoint="https://idp.example/token",
        jwks_uri="https://idp.example/jwks",
    )
    html = client.get(reverse("login")).content.decode()
    assert "Log ind med Kommunens Entra ID" in html
    assert 'href="/sso/oidc/entra/log-ind/"' in html
    assert "<details" in html and "Nødadgang med brugernavn og adgangskode" in html
