"""No browser, proxy or back button keeps an answer to a logged-in user: every page and
API answer carrying personal data says `Cache-Control: no-store` (drift.NoStoreMiddleware).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from organisation.models import ApiToken

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_cpr_afsloering_maa_ikke_gemmes(scenarie, client):
    client.force_login(scenarie.sagsbehandler)
    response = client.post(reverse("forloeb:borger_cpr", args=[scenarie.borger_b.pk]))
    assert response.status_code == 200
    assert scenarie.borger_b.cpr_fuldt() in response.content.decode()
    assert _no_store(response)


def test_sider_med_persondata_maa_ikke_gemmes(scenarie, client):
    client.force_login(scenarie.sagsbehandler)
    urls = [
        "/forloeb/arbejdsliste/",
        reverse("forloeb:borger_detalje", args=[scenarie.borger_b.pk]),
        reverse("forloeb:forloeb_detalje", args=[scenarie.forloeb_b.pk]),
        reverse("tidsregistrering:eksport") + "?hent=csv",
        reverse("privacy:historik", args=[scenarie.forloeb_b.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
    # A refused look is not cached either.
    client.force_login(scenarie.mentor_a)
    response = client.get(reverse("forloeb:forloeb_detalje", args=[scenarie.forloeb_b.pk]))
    assert response.status_code == 404 and _no_store(response)


def test_api_svar_maa_ikke_gemmes(scenarie):
    _, token = ApiToken.objects.create(
        user=scenarie.sagsbehandler, expiry=timedelta(hours=1), navn="test"
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    for url in (
        "/api/v1/borgere/",
        f"/api/v1/borgere/{scenarie.borger_b.pk}/",
        f"/api/v1/forloeb/{scenarie.forloeb_b.pk}/",
    ):
        response = api.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_offentlige_sider_og_statiske_filer_maa_gemmes(client):
    assert not _no_store(client.get(reverse("tilgaengelighed")))
    assert not _no_store(client.get("/static/css/mentorsag.css"))
