"""Logging in the way a municipality does, in a browser: through a SAML IdP (pysaml2's own
server, over HTTP) and an OpenID Provider (npm oidc-provider), and out again."""

from __future__ import annotations

import pytest
import requests

from organisation.models import Organisation, Rolle, Team, User
from sso import oiosaml
from sso.models import Identitetsudbyder, Protokol, Rolletildeling
from tests.sso.conftest import CVR_KOMMUNE, PRIV_SAGSBEHANDLER, privilegier
from tests.sso.oidc_udbyder import OidcProvider
from tests.sso.saml_idp import Konto, SamlIdp

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def saml_idp_http(live_server, saml_sp, tmp_path):
    org = Organisation.objects.create(navn="Browser Kommune", cvr=CVR_KOMMUNE)
    team = Team.objects.create(organisation=org, navn="Ungeteam")
    idp = SamlIdp(tmp_path / "idp", "http://localhost")
    http = idp.start_http()
    udbyder = Identitetsudbyder.objects.create(
        navn="Browser Kommunes AD FS",
        slug="browser",
        organisation=org,
        protokol=Protokol.SAML,
        entity_id=idp.entity_id,
        metadata_xml=idp.metadata_xml,
    )
    Rolletildeling.objects.create(
        udbyder=udbyder, vaerdi=PRIV_SAGSBEHANDLER, rolle=Rolle.SAGSBEHANDLER, team=team
    )
    idp.kend_sp(requests.get(f"{live_server.url}/sso/saml/metadata/", timeout=10).text)
    idp.konti["sara"] = Konto(
        subjekt="urn:uuid:sara-browser",
        attributter={
            oiosaml.PRIVILEGIER: privilegier(PRIV_SAGSBEHANDLER),
            oiosaml.EMAIL: ["sara@browser.test"],
            oiosaml.FORNAVN: ["Sara"],
            oiosaml.EFTERNAVN: ["Browser"],
        },
    )
    yield idp, team
    http.stop()


def test_saml_log_ind_med_redirect_og_post_roller_og_log_ud(page, saml_idp_http):
    idp, team = saml_idp_http
    page.goto("/log-ind/")
    page.get_by_role("link", name="Log ind med Browser Kommunes AD FS").click()

    # At the IdP (HTTP-Redirect binding carried the signed AuthnRequest here).
    page.wait_for_url(f"{idp.base_url}/sso/redirect?**")
    page.get_by_label("Bruger").select_option("sara")
    page.get_by_role("button", name="Godkend log-ind").click()

    # The IdP's page POSTs the signed assertion to the ACS; we land on the start page.
    page.wait_for_url("**/forloeb/arbejdsliste/")
    assert page.get_by_role("navigation", name="Hovedmenu").get_by_text("Find borger").is_visible()
    user = User.objects.get(email="sara@browser.test")
    assert user.roller == [Rolle.SAGSBEHANDLER]
    assert list(user.teams.all()) == [team]

    page.get_by_role("button", name="Log ud").click()
    page.get_by_role("heading", name="Du er logget ud").wait_for()
    assert "/sso/saml/ls/" in page.url
    assert idp.logud_forespoergsler[-1].name_id.text == "urn:uuid:sara-browser"
    page.goto("/")
    assert "/log-ind/" in page.url


@pytest.fixture
def oidc_http(live_server, tmp_path):
    provider = OidcProvider(
        tmp_path / "oidc",
        redirect_uris=[f"{live_server.url}/sso/oidc/callback/"],
        logud_uris=[f"{live_server.url}/sso/logget-ud/"],
    )
    org = Organisation.objects.create(navn="OIDC Kommune")
    udbyder = Identitetsudbyder.objects.create(
        navn="Kommunens Entra ID",
        slug="entra-browser",
        organisation=org,
        protokol=Protokol.OIDC,
        **provider.udbyder_felter(),
    )
    Rolletildeling.objects.create(udbyder=udbyder, vaerdi="Mentorsag.Mentor", rolle=Rolle.MENTOR)
    provider.saet_konto("mads", email="mads@oidc.test", roles=["Mentorsag.Mentor"])
    yield provider
    provider.stop()


def test_oidc_log_ind_og_ud_i_browseren(page, oidc_http):
    page.goto("/log-ind/")
    page.get_by_role("link", name="Log ind med Kommunens Entra ID").click()
    page.wait_for_url(f"{oidc_http.issuer}/**")
    page.locator("input[name=login]").fill("mads")
    page.locator("input[name=password]").fill("ligegyldigt")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # consent
    page.wait_for_url("**/tid/min-uge/")
    assert User.objects.get(email="mads@oidc.test").roller == [Rolle.MENTOR]

    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{oidc_http.issuer}/**")
    page.locator("button[type=submit]").first.click()  # the provider asks to confirm
    page.get_by_role("heading", name="Du er logget ud").wait_for()
    page.goto("/")
    assert "/log-ind/" in page.url
