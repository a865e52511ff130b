"""OpenID Connect against a real provider in its own process (npm oidc-provider): the code
flow with PKCE, the ID token's signature and nonce checked, roles following the claims,
RP-initiated logout."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from organisation import services as organisation_services
from organisation.models import ApiToken, Kilde, Organisation, Rolle, Rolleaendring, Team, User
from organisation.session import LOGIN_METODE, NSIS_NIVEAU
from sso.models import Identitetsudbyder, Protokol, Rolletildeling

from .oidc_udbyder import JsonServer, OidcProvider, forkert_jwks, sti_og_query

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/sso/oidc/callback/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    p = OidcProvider(
        tmp_path_factory.mktemp("oidc"),
        redirect_uris=[CALLBACK],
        logud_uris=["http://testserver/sso/logget-ud/"],
    )
    yield p
    p.stop()


@pytest.fixture
def kommune(provider):
    org = Organisation.objects.create(navn="Entra Kommune", kommunekode="102")
    team = Team.objects.create(organisation=org, navn="Jobcenter")
    udbyder = Identitetsudbyder.objects.create(
        navn="Entra ID",
        slug="entra",
        organisation=org,
        protokol=Protokol.OIDC,
        **provider.udbyder_felter(),
    )
    udbyder.full_clean()
    Rolletildeling.objects.create(
        udbyder=udbyder, vaerdi="Mentorsag.Sagsbehandler", rolle=Rolle.SAGSBEHANDLER, team=team
    )
    Rolletildeling.objects.create(udbyder=udbyder, vaerdi="Mentorsag.Mentor", rolle=Rolle.MENTOR)
    provider.saet_konto(
        "ole",
        email="ole@entra.test",
        given_name="Ole",
        family_name="Oidc",
        roles=["Mentorsag.Sagsbehandler"],
    )
    return udbyder


def start(client, udbyder):
    svar = client.get(reverse("sso:oidc_login", args=[udbyder.slug]))
    assert svar.status_code == 302
    return svar["Location"]


def log_ind(client, provider, udbyder, konto="ole", foer_callback=None):
    auth_url = start(client, udbyder)
    tilbage = provider.gennemfoer(auth_url, konto, stop_ved=CALLBACK)
    if foer_callback:
        foer_callback(client, parse_qs(urlsplit(tilbage).query)["state"][0])
    return client.get(sti_og_query(tilbage))


def fejl(svar) -> str:
    match = re.search(r'<p class="sso-fejl">(.*?)</p>', svar.content.decode(), re.S)
    assert match, svar.content.decode()[:2000]
    return match.group(1)


def test_kodeflow_med_pkce_logger_ind_og_giver_rollen(client, provider, kommune):
    auth_url = start(client, kommune)
    q = parse_qs(urlsplit(auth_url).query)
    assert auth_url.startswith(provider.discovery["authorization_endpoint"])
    assert q["response_type"] == ["code"]
    assert q["code_challenge_method"] == ["S256"] and len(q["code_challenge"][0]) == 43
    assert q["nonce"] and q["state"]
    assert q["redirect_uri"] == [CALLBACK]

    tilbage = provider.gennemfoer(auth_url, "ole", stop_ved=CALLBACK)
    svar = client.get(sti_og_query(tilbage))
    assert svar.status_code == 302, fejl(svar)
    user = User.objects.get(sso_identiteter__subjekt="ole")
    assert (user.email, user.first_name, user.roller) == (
        "ole@entra.test",
        "Ole",
        [Rolle.SAGSBEHANDLER],
    )
    assert client.session[LOGIN_METODE] == "oidc"
    assert client.session[NSIS_NIVEAU] == ""
    assert client.get(reverse("start"))["Location"] == reverse("forloeb:arbejdsliste")


def test_samme_state_kan_ikke_bruges_igen(client, provider, kommune):
    auth_url = start(client, kommune)
    tilbage = provider.gennemfoer(auth_url, "ole", stop_ved=CALLBACK)
    assert client.get(sti_og_query(tilbage)).status_code == 302
    client.logout()
    svar = client.get(sti_og_query(tilbage))
    assert svar.status_code == 400
    assert "kunne ikke genkendes" in fejl(svar)


def test_forkert_code_verifier_afvises_af_udbyderen(client, provider, kommune):
    def byt_verifier(client, state):
        session = client.session
        session["oidc_states"][state]["code_verifier"] = "x" * 64
        session.save()

    svar = log_ind(client, provider, kommune, foer_callback=byt_verifier)
    assert svar.status_code == 403
    assert "afviste log-ind-koden" in fejl(svar)
    assert not client.session.get("_auth_user_id")


def test_forkert_nonce_afvises(client, provider, kommune):
    def byt_nonce(client, state):
        session = client.session
        session["oidc_states"][state]["nonce"] = "en-anden-nonce"
        session.save()

    svar = log_ind(client, provider, kommune, foer_callback=byt_nonce)
    assert svar.status_code == 403
    assert "nonce passer ikke" in fejl(svar)
    assert not User.objects.filter(sso_identiteter__subjekt="ole").exists()


def test_id_token_med_forkert_signatur_afvises(client, provider, kommune):
    jwks = JsonServer(forkert_jwks(provider.jwk))
    try:
        kommune.jwks_uri = jwks.url
        kommune.save()
        svar = log_ind(client, provider, kommune)
    finally:
        jwks.stop()
    assert svar.status_code == 403
    assert "ikke en gyldig signatur" in fejl(svar)
    assert not client.session.get("_auth_user_id")


def test_id_token_fra_en_anden_issuer_afvises(client, provider, kommune):
    kommune.issuer = "https://en-anden-udbyder.test"
    kommune.save()
    svar = log_ind(client, provider, kommune)
    assert "ikke udstedt af udbyderen til Mentorsag" in fejl(svar)


def test_claim_tilfoejet_giver_rollen_claim_fjernet_tager_den_og_tokens(client, provider, kommune):
    assert log_ind(client, provider, kommune).status_code == 302
    user = User.objects.get(sso_identiteter__subjekt="ole")

    provider.saet_konto(
        "ole", email="ole@entra.test", roles=["Mentorsag.Sagsbehandler", "Mentorsag.Mentor"]
    )
    client.logout()
    assert log_ind(client, provider, kommune).status_code == 302
    user.refresh_from_db()
    assert sorted(user.roller) == [Rolle.MENTOR, Rolle.SAGSBEHANDLER]
    organisation_services.opret_api_token(bruger=user, navn="Script", levetid=dt.timedelta(days=1))

    provider.saet_konto("ole", email="ole@entra.test", roles=[])
    client.logout()
    svar = log_ind(client, provider, kommune)
    assert "ingen rolle" in fejl(svar)
    user.refresh_from_db()
    assert user.roller == []
    assert not ApiToken.objects.filter(user=user).exists()
    sidste = Rolleaendring.objects.filter(bruger=user).latest("pk")
    assert (sidste.kilde, sidste.roller_efter, sidste.tokens_tilbagekaldt) == (Kilde.OIDC, [], 1)


def test_log_ud_afslutter_ogsaa_sessionen_hos_udbyderen(client, provider, kommune):
    assert log_ind(client, provider, kommune).status_code == 302
    svar = client.post(reverse("logout"))
    assert svar.status_code == 307 and svar["Location"] == reverse("sso:oidc_logud")
    svar = client.post(svar["Location"])
    assert not client.session.get("_auth_user_id")
    url = re.search(r'href="([^"]+)" data-sso-videre', svar.content.decode()).group(1)
    url = url.replace("&amp;", "&")
    q = parse_qs(urlsplit(url).query)
    assert url.startswith(provider.discovery["end_session_endpoint"])
    assert q["post_logout_redirect_uri"] == ["http://testserver/sso/logget-ud/"]
    assert q["id_token_hint"][0].count(".") == 2
    tilbage = provider.gennemfoer(url, "ole", stop_ved="http://testserver/sso/logget-ud/")
    svar = client.get(sti_og_query(tilbage))
    assert "Du er logget ud" in svar.content.decode()
