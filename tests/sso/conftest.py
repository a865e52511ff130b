"""A municipality with its own SAML IdP (pysaml2's IdP server) and the mapping of the
IdP's values to Mentorsag roles and teams."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from organisation.models import Organisation, Rolle, Team
from sso import oiosaml
from sso.models import Identitetsudbyder, Protokol, Rolletildeling

from .saml_idp import Konto, SamlIdp

CVR_KOMMUNE = "29189846"
CVR_LEVERANDOER = "12345678"
PRIV_SAGSBEHANDLER = "http://mentorsag.dk/roles/usersystemrole/sagsbehandler/1"
PRIV_KOORDINATOR = "http://mentorsag.dk/roles/usersystemrole/mentorkoordinator/1"
GRUPPE_TEAMLEDER = "Mentorsag-Teamledere"


@dataclass
class SamlKommune:
    org: Organisation
    unge: Team
    voksen: Team
    idp: SamlIdp
    udbyder: Identitetsudbyder

    def konto(self, navn: str, **attributter) -> Konto:
        konto = Konto(subjekt=f"urn:uuid:{navn}-0000", attributter=attributter)
        self.idp.konti[navn] = konto
        return konto


def privilegier(*privs: str, cvr: str = CVR_KOMMUNE) -> list[str]:
    return [oiosaml.privilegieliste({cvr: list(privs)})]


def byg_saml_kommune(tmp_path, sp_metadata, base_url="https://idp.kommune.test") -> SamlKommune:
    org = Organisation.objects.create(navn="Saml Kommune", kommunekode="101", cvr=CVR_KOMMUNE)
    unge = Team.objects.create(organisation=org, navn="Unge")
    voksen = Team.objects.create(organisation=org, navn="Voksen")
    idp = SamlIdp(tmp_path / "idp", base_url)
    udbyder = Identitetsudbyder.objects.create(
        navn="Saml Kommunes AD FS",
        slug="saml-kommune",
        organisation=org,
        protokol=Protokol.SAML,
        entity_id=idp.entity_id,
        metadata_xml=idp.metadata_xml,
        rolle_attributter="\n".join([oiosaml.PRIVILEGIER, oiosaml.ADFS_ROLLE, oiosaml.CVR]),
    )
    udbyder.full_clean()
    Rolletildeling.objects.create(
        udbyder=udbyder, vaerdi=PRIV_SAGSBEHANDLER, rolle=Rolle.SAGSBEHANDLER, team=unge
    )
    Rolletildeling.objects.create(
        udbyder=udbyder, vaerdi=PRIV_KOORDINATOR, rolle=Rolle.MENTORKOORDINATOR
    )
    Rolletildeling.objects.create(
        udbyder=udbyder, vaerdi=GRUPPE_TEAMLEDER, rolle=Rolle.TEAMLEDER, team=voksen
    )
    Rolletildeling.objects.create(udbyder=udbyder, vaerdi=CVR_LEVERANDOER, rolle=Rolle.MENTOR)
    idp.kend_sp(sp_metadata())
    return SamlKommune(org=org, unge=unge, voksen=voksen, idp=idp, udbyder=udbyder)


@pytest.fixture
def saml_kommune(db, tmp_path, saml_sp, client):
    def sp_metadata():
        svar = client.get(reverse("sso:saml_metadata"))
        assert svar.status_code == 200
        return svar.content.decode()

    return byg_saml_kommune(tmp_path, sp_metadata)


def start_login(client, kommune: SamlKommune, naeste: str = "/"):
    svar = client.get(reverse("sso:saml_login", args=[kommune.udbyder.slug]), {"next": naeste})
    assert svar.status_code == 302, svar.content
    return kommune.idp.modtag_authn_request(svar["Location"])


def post_svar(client, saml_response: str, relay: str = "/"):
    return client.post(
        reverse("sso:saml_acs"), {"SAMLResponse": saml_response, "RelayState": relay}
    )


def saml_login(client, kommune: SamlKommune, konto: Konto, **svar_kw):
    req, relay = start_login(client, kommune)
    return post_svar(client, kommune.idp.svar(req, konto, **svar_kw), relay)
