"""API tokens (issue 13, hole 2): hashed, expiring, named, shown once, revocable by their
owner, and revoked when the user is deactivated or loses the last case role."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from organisation import services
from organisation.models import ApiToken, Kilde, Rolle, Rolleaendring
from tests.factories import PASSWORD, TeamFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


@pytest.fixture(autouse=True)
def _ren_cache():
    cache.clear()  # the token endpoint's throttle
    yield
    cache.clear()


def hent_token(user, **ekstra) -> dict:
    svar = APIClient().post(
        f"{V1}/auth/token/",
        {"username": user.username, "password": PASSWORD, **ekstra},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    return svar.json()


def klient(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_token_gemmes_kun_som_hash_og_udloeber():
    user = user_with_role(Rolle.SAGSBEHANDLER)
    data = hent_token(user, navn="Integration")
    token = data["token"]
    assert data["navn"] == "Integration"
    row = ApiToken.objects.get(pk=data["id"])
    assert row.digest != token and token not in row.digest
    forventet = timezone.now() + dt.timedelta(hours=10)
    assert abs(row.expiry - forventet) < dt.timedelta(minutes=1)
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM organisation_apitoken")
        assert token not in repr(cur.fetchall())
    assert klient(token).get(f"{V1}/forloeb/").status_code == 200
    from core.models import Adgangslog

    assert Adgangslog.objects.get(bruger=user).login_metode == "api_noegle"


def test_udloebet_token_afvises():
    user = user_with_role(Rolle.SAGSBEHANDLER)
    token = hent_token(user)["token"]
    with time_machine.travel(timezone.now() + dt.timedelta(hours=10, minutes=1)):
        svar = klient(token).get(f"{V1}/forloeb/")
    assert svar.status_code in (401, 403)
    assert not ApiToken.objects.filter(user=user).exists()


def test_bruger_lister_opretter_og_tilbagekalder_egne_tokens_via_api():
    user = user_with_role(Rolle.MENTOR)
    anden = user_with_role(Rolle.MENTOR)
    token = hent_token(user)["token"]
    fremmed = hent_token(anden)

    ny = klient(token).post(f"{V1}/auth/tokens/", {"navn": "Script", "dage": 30}, format="json")
    assert ny.status_code == 201
    assert ny.json()["token"] and ny.json()["navn"] == "Script"

    liste = klient(token).get(f"{V1}/auth/tokens/").json()
    assert {t["navn"] for t in liste} == {"Log-ind via API", "Script"}
    assert all("token" not in t for t in liste)
    assert [t["denne"] for t in liste if t["navn"] != "Script"] == [True]

    assert klient(token).delete(f"{V1}/auth/tokens/{fremmed['id']}/").status_code == 404
    assert klient(fremmed["token"]).get(f"{V1}/auth/tokens/").status_code == 200

    assert klient(token).delete(f"{V1}/auth/tokens/{ny.json()['id']}/").status_code == 204
    assert klient(ny.json()["token"]).get(f"{V1}/auth/tokens/").status_code in (401, 403)


def test_levetid_og_navn_valideres_med_feltfejl():
    user = user_with_role(Rolle.MENTOR)
    c = klient(hent_token(user)["token"])
    svar = c.post(f"{V1}/auth/tokens/", {"navn": "Lang", "dage": 400}, format="json")
    assert svar.status_code == 400
    assert "90 dage" in svar.json()["dage"][0]
    svar = c.post(f"{V1}/auth/tokens/", {"navn": "  ", "dage": 7}, format="json")
    assert svar.status_code == 400 and "navn" in svar.json()


def test_hoejst_tyve_gyldige_tokens_pr_bruger(settings):
    settings.API_TOKEN_MAKS_ANTAL = 3
    user = user_with_role(Rolle.MENTOR)
    for i in range(3):
        services.opret_api_token(bruger=user, navn=f"n{i}", levetid=dt.timedelta(days=1))
    svar = APIClient().post(
        f"{V1}/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert svar.status_code == 400
    assert "Tilbagekald en" in svar.json()["navn"][0]


def test_bruger_uden_sagsrolle_faar_ingen_token():
    admin = user_with_role(Rolle.ADMINISTRATOR)
    svar = APIClient().post(
        f"{V1}/auth/token/", {"username": admin.username, "password": PASSWORD}, format="json"
    )
    assert svar.status_code == 403
    assert "sagsrolle" in svar.json()["detail"]


def test_skaerm_viser_ny_noegle_een_gang_og_tilbagekalder(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    client.force_login(user)
    side = client.get(reverse("api_noegler"))
    assert side.status_code == 200
    assert "no-store" in side["Cache-Control"]
    assert "Du har ingen gyldige API-nøgler" in side.content.decode()

    svar = client.post(reverse("api_noegler"), {"navn": "Mit script", "dage": "7"})
    html = svar.content.decode()
    token = ApiToken.objects.get(user=user)
    assert "Den vises kun denne ene gang" in html
    noegle = html.split('<code class="noegle">')[1].split("</code>")[0]
    assert klient(noegle).get(f"{V1}/auth/tokens/").status_code == 200
    assert noegle not in client.get(reverse("api_noegler")).content.decode()
    assert "Mit script" in client.get(reverse("api_noegler")).content.decode()

    svar = client.post(reverse("api_noegle_tilbagekald", args=[token.pk]), follow=True)
    assert "API-nøglen er tilbagekaldt" in svar.content.decode()
    assert klient(noegle).get(f"{V1}/auth/tokens/").status_code in (401, 403)


def test_skaerm_kan_ikke_tilbagekalde_andres_noegle(client):
    ejer = user_with_role(Rolle.MENTOR)
    token, _noegle = services.opret_api_token(bruger=ejer, navn="x", levetid=dt.timedelta(days=1))
    client.force_login(user_with_role(Rolle.MENTOR))
    assert client.post(reverse("api_noegle_tilbagekald", args=[token.pk])).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_skaermen_giver_dansk_fejl_ved_for_lang_levetid(client):
    client.force_login(user_with_role(Rolle.MENTOR))
    html = client.post(reverse("api_noegler"), {"navn": "x", "dage": "9999"}).content.decode()
    assert "Vælg et gyldigt valg" in html or "gyldig" in html
    assert not ApiToken.objects.exists()


# --- Revocation through the one access service -------------------------------------------


def _admin_klient(client, user):
    admin = UserFactory(
        is_staff=True,
        is_superuser=True,
        roller=[Rolle.ADMINISTRATOR],
        organisation=user.organisation,
    )
    client.force_login(admin)
    return admin


def _admin_post(client, user, **aendringer):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "organisation": user.organisation_id,
        "teams": [t.pk for t in user.teams.all()],
        "roller": ",".join(user.roller),
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "telefon": "",
    }
    data.update(aendringer)
    data = {k: v for k, v in data.items() if v != ""}
    return client.post(reverse("admin:organisation_user_change", args=[user.pk]), data)


def test_deaktivering_i_admin_tilbagekalder_tokens_og_logges(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    token = hent_token(user)["token"]
    admin = _admin_klient(client, user)
    svar = _admin_post(client, user, is_active="")
    assert svar.status_code == 302, svar.content.decode()[:2000]
    assert not ApiToken.objects.filter(user=user).exists()
    assert klient(token).get(f"{V1}/forloeb/").status_code in (401, 403)
    log = Rolleaendring.objects.get(bruger=user)
    assert (log.aktiv_foer, log.aktiv_efter, log.tokens_tilbagekaldt) == (True, False, 1)
    assert log.kilde == Kilde.ADMIN and log.aendret_af == admin


def test_sidste_sagsrolle_fjernet_i_admin_tilbagekalder_tokens(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    hent_token(user)
    _admin_klient(client, user)
    assert _admin_post(client, user, roller="sagsbehandler,mentor").status_code == 302
    assert ApiToken.objects.filter(user=user).count() == 1  # still a case role
    assert _admin_post(client, user, roller="administrator").status_code == 302
    assert not ApiToken.objects.filter(user=user).exists()
    efter = [r.roller_efter for r in Rolleaendring.objects.filter(bruger=user).order_by("pk")]
    assert efter == [["mentor", "sagsbehandler"], ["administrator"]]


def test_uaendret_gem_i_admin_skriver_ingen_rolleaendring(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    _admin_klient(client, user)
    assert _admin_post(client, user).status_code == 302
    assert not Rolleaendring.objects.exists()


def test_aendr_adgang_afviser_team_fra_anden_organisation():
    from django.core.exceptions import ValidationError

    user = user_with_role(Rolle.SAGSBEHANDLER)
    with pytest.raises(ValidationError) as fejl:
        services.aendr_adgang(bruger=user, kilde=Kilde.SYSTEM, teams=[TeamFactory()])
    assert "teams" in fejl.value.message_dict


def test_admin_viser_aldrig_token_eller_hash(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    token = hent_token(user)["token"]
    row = ApiToken.objects.get(user=user)
    _admin_klient(client, user)
    for url in (
        reverse("admin:organisation_apitoken_changelist"),
        reverse("admin:organisation_apitoken_change", args=[row.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Log-ind via API" in html
        assert token[:15] not in html and row.digest not in html
