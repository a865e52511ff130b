"""The administrator maps the IdP's values to roles and teams in the admin (Danish)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisation.models import Organisation, Rolle, Team
from sso.models import Identitetsudbyder, Rolletildeling
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_klient(client):
    org = Organisation.objects.create(navn="Admin Kommune")
    admin = UserFactory(
        organisation=org, roller=[Rolle.ADMINISTRATOR], is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    return client, org


def _formular(org, team, **ekstra):
    data = {
        "navn": "Kommunens Entra ID",
        "slug": "entra",
        "organisation": org.pk,
        "protokol": "oidc",
        "aktiv": "on",
        "vis_paa_login": "on",
        "kraevet_nsis_niveau": "",
        "issuer": "https://login.example/tenant/v2.0",
        "client_id": "mentorsag",
        "client_secret": "s3kr3t-vaerdi",
        "authorization_endpoint": "https://login.example/authorize",
        "token_endpoint": "https://login.example/token",
        "jwks_uri": "https://login.example/keys",
        "scopes": "openid email profile",
        "signaturalgoritme": "RS256",
        "tildelinger-TOTAL_FORMS": "1",
        "tildelinger-INITIAL_FORMS": "0",
        "tildelinger-0-vaerdi": "Mentorsag.Sagsbehandler",
        "tildelinger-0-rolle": "sagsbehandler",
        "tildelinger-0-team": team.pk,
    }
    data.update(ekstra)
    return data


def test_udbyder_og_rolletildeling_oprettes_i_admin_paa_dansk(admin_klient):
    client, org = admin_klient
    team = Team.objects.create(organisation=org, navn="Unge")
    side = client.get(reverse("admin:sso_identitetsudbyder_add")).content.decode()
    assert "Rolletildelinger" in side and "Værdi fra udbyderen" in side
    svar = client.post(reverse("admin:sso_identitetsudbyder_add"), _formular(org, team))
    assert svar.status_code == 302, svar.content.decode()[:3000]
    udbyder = Identitetsudbyder.objects.get(slug="entra")
    assert udbyder.client_secret == "s3kr3t-vaerdi"
    tildeling = Rolletildeling.objects.get(udbyder=udbyder)
    assert (tildeling.rolle, tildeling.team) == (Rolle.SAGSBEHANDLER, team)

    # The secret is never shown again, and an empty field keeps it.
    aendr = reverse("admin:sso_identitetsudbyder_change", args=[udbyder.pk])
    assert "s3kr3t-vaerdi" not in client.get(aendr).content.decode()
    data = _formular(org, team, client_secret="", **{"tildelinger-TOTAL_FORMS": "0"})
    assert client.post(aendr, data).status_code == 302
    udbyder.refresh_from_db()
    assert udbyder.client_secret == "s3kr3t-vaerdi"


def test_team_fra_en_anden_organisation_afvises_med_dansk_fejl(admin_klient):
    client, org = admin_klient
    fremmed = Team.objects.create(
        organisation=Organisation.objects.create(navn="Fremmed"), navn="Andet"
    )
    svar = client.post(reverse("admin:sso_identitetsudbyder_add"), _formular(org, fremmed))
    assert svar.status_code == 200
    assert "Teamet hører til en anden organisation" in svar.content.decode()
    assert not Identitetsudbyder.objects.exists()
