"""SAML 2.0 against a real IdP (pysaml2's own server with its own keys and metadata):
signed requests over HTTP-Redirect, signed assertions over HTTP-POST, roles mapped from the
IdP's values, single logout, and every kind of bad answer refused in Danish."""

from __future__ import annotations

import base64
import datetime as dt
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, md, samlp
from saml2.response import IncorrectlySigned
from saml2.s_utils import decode_base64_and_inflate
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.xmldsig import SIG_RSA_SHA256

from core.models import Adgangslog, Handling
from organisation import services as organisation_services
from organisation.models import ApiToken, Kilde, Organisation, Rolle, Rolleaendring, User
from organisation.session import LOGIN_METODE, NSIS_NIVEAU, SSO_LOGUD_URL
from sso import oiosaml
from sso.models import BrugtAssertion, Identitetsudbyder, Protokol, Rolletildeling, SsoIdentitet
from tests.factories import MentorFactory, aktivt_forloeb

from . import conftest as c
from .saml_idp import Konto, SamlIdp, andet_sp_metadata

pytestmark = pytest.mark.django_db


def sagsbehandler(kommune, navn="sara", **ekstra) -> Konto:
    return kommune.konto(
        navn,
        **{
            oiosaml.PRIVILEGIER: c.privilegier(c.PRIV_SAGSBEHANDLER),
            oiosaml.EMAIL: [f"{navn}@kommune.test"],
            oiosaml.FORNAVN: [navn.capitalize()],
            oiosaml.EFTERNAVN: ["Saml"],
            **ekstra,
        },
    )


def fejltekst(svar) -> str:
    html = svar.content.decode()
    match = re.search(r'<p class="sso-fejl">(.*?)</p>', html, re.S)
    assert match, html[:3000]
    return match.group(1)


def assert_afvist(client, svar, tekst: str):
    assert svar.status_code in (400, 403)
    assert tekst in fejltekst(svar)
    assert "Log-ind mislykkedes" in svar.content.decode()
    assert not client.session.get("_auth_user_id")


# --- The service provider's side ---------------------------------------------------------


def test_sp_metadata_foelger_oiosaml_3(client, saml_kommune):
    svar = client.get(reverse("sso:saml_metadata"))
    assert svar["Content-Type"].startswith("text/xml")
    ed = md.entity_descriptor_from_string(svar.content.decode())
    assert ed.entity_id == "http://testserver/sso/saml/metadata/"
    sp = ed.spsso_descriptor[0]
    assert sp.authn_requests_signed == "true"
    assert sp.want_assertions_signed == "true"
    assert [n.text for n in sp.name_id_format] == [
        "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    ]
    assert {k.use for k in sp.key_descriptor} == {"signing", "encryption"}
    assert [(a.binding, a.location) for a in sp.assertion_consumer_service] == [
        (BINDING_HTTP_POST, "http://testserver/sso/saml/acs/")
    ]
    assert {(s.binding, s.location) for s in sp.single_logout_service} == {
        (BINDING_HTTP_REDIRECT, "http://testserver/sso/saml/ls/"),
        (BINDING_HTTP_POST, "http://testserver/sso/saml/ls/post/"),
    }
    oensket = {a.name for a in sp.attribute_consuming_service[0].requested_attribute}
    assert {oiosaml.PRIVILEGIER, oiosaml.NSIS_LOA, oiosaml.CVR, oiosaml.ADFS_ROLLE} <= oensket


def test_metadata_er_404_naar_saml_ikke_er_sat_op(client, settings, db):
    settings.SAML_SP_NOEGLE = ""
    svar = client.get(reverse("sso:saml_metadata"))
    assert svar.status_code == 404


def test_authnrequest_er_signeret_og_sendes_med_redirect_binding(client, saml_kommune):
    svar = client.get(reverse("sso:saml_login", args=["saml-kommune"]))
    url = svar["Location"]
    assert url.startswith("https://idp.kommune.test/sso/redirect?")
    q = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert q["SigAlg"] == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    req = samlp.authn_request_from_string(decode_base64_and_inflate(q["SAMLRequest"]))
    assert req.name_id_policy.format == "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    assert req.destination == "https://idp.kommune.test/sso/redirect"
    # The IdP checks the signature: a request whose signature was tampered with is refused.
    signatur = base64.b64decode(q["Signature"])
    falsk_signatur = base64.b64encode(bytes([signatur[0] ^ 1]) + signatur[1:]).decode()
    falsk = url.split("?")[0] + "?" + urlencode({**q, "Signature": falsk_signatur})
    with pytest.raises(IncorrectlySigned):
        saml_kommune.idp.modtag_authn_request(falsk)
    saml_kommune.idp.modtag_authn_request(url)


def test_kraevet_nsis_niveau_bedes_om_i_requestedauthncontext(client, saml_kommune):
    saml_kommune.udbyder.kraevet_nsis_niveau = "betydelig"
    saml_kommune.udbyder.save()
    req, _relay = c.start_login(client, saml_kommune)
    rac = req.message.requested_authn_context
    assert rac.comparison == "minimum"
    assert [r.text for r in rac.authn_context_class_ref] == [
        "https://data.gov.dk/concept/core/nsis/loa/Substantial"
    ]


def test_ukendt_kortnavn_giver_dansk_404(client, saml_kommune):
    svar = client.get(reverse("sso:saml_login", args=["findes-ikke"]))
    assert svar.status_code == 404


# --- Logging in ---------------------------------------------------------------------------


def test_sagsbehandler_logger_ind_og_faar_rolle_team_og_session(client, saml_kommune):
    konto = sagsbehandler(saml_kommune)
    svar = c.saml_login(client, saml_kommune, konto)
    assert svar.status_code == 302 and svar["Location"] == "/"
    user = User.objects.get(sso_identiteter__subjekt=konto.subjekt)
    assert (user.username, user.email, user.first_name) == (
        "sara@kommune.test",
        "sara@kommune.test",
        "Sara",
    )
    assert user.roller == [Rolle.SAGSBEHANDLER]
    assert list(user.teams.all()) == [saml_kommune.unge]
    assert user.organisation == saml_kommune.org
    assert not user.has_usable_password()
    assert client.session[LOGIN_METODE] == "saml"
    assert client.session[NSIS_NIVEAU] == "betydelig"
    assert client.session[SSO_LOGUD_URL] == reverse("sso:saml_logud")
    assert client.session.get_expiry_age() == 30 * 60  # the same idle timeout
    assert client.get(reverse("start"))["Location"] == reverse("forloeb:arbejdsliste")
    log = Rolleaendring.objects.get(bruger=user)
    assert (log.kilde, log.roller_foer, log.roller_efter) == (Kilde.SAML, [], ["sagsbehandler"])


def test_krypteret_assertion_dekrypteres(client, saml_kommune):
    svar = c.saml_login(client, saml_kommune, sagsbehandler(saml_kommune), encrypt=True)
    assert svar.status_code == 302, fejltekst(svar)
    assert client.session[LOGIN_METODE] == "saml"


def test_adgangslog_virker_som_ved_adgangskode_og_naevner_metoden(client, saml_kommune):
    c.saml_login(client, saml_kommune, sagsbehandler(saml_kommune))
    user = User.objects.get(username="sara@kommune.test")
    forloeb = aktivt_forloeb(team=saml_kommune.unge)
    assert (
        client.get(reverse("forloeb:borger_detalje", args=[forloeb.borger_id])).status_code == 200
    )
    row = Adgangslog.objects.get(bruger=user, handling=Handling.VIS_BORGER)
    assert row.login_metode == "saml"


def test_ad_fs_gruppe_giver_teamleder_af_teamet(client, saml_kommune):
    konto = saml_kommune.konto(
        "tom", **{oiosaml.ADFS_ROLLE: [c.GRUPPE_TEAMLEDER, "Andet"], oiosaml.EMAIL: ["t@k.test"]}
    )
    assert c.saml_login(client, saml_kommune, konto).status_code == 302
    user = User.objects.get(username="t@k.test")
    assert user.roller == [Rolle.TEAMLEDER]
    assert list(user.ledede_teams.all()) == [saml_kommune.voksen]
    assert client.get(reverse("start"))["Location"] == reverse("compliance:dashboard")


def test_ekstern_mentor_med_mitid_erhverv_faar_mentorrollen_og_sin_mentorprofil(
    client, saml_kommune
):
    profil = MentorFactory(organisation=saml_kommune.org, email="Mette@Leverandoer.test")
    MentorFactory(organisation=saml_kommune.org, email="anden@leverandoer.test")
    eget = aktivt_forloeb(team=saml_kommune.unge, mentor=profil)
    andet = aktivt_forloeb(team=saml_kommune.unge)
    konto = saml_kommune.konto(
        "mette",
        **{
            oiosaml.CVR: [c.CVR_LEVERANDOER],
            oiosaml.ORGANISATIONSNAVN: ["Mentorhuset ApS"],
            oiosaml.EMAIL: ["mette@leverandoer.test"],
        },
    )
    assert c.saml_login(client, saml_kommune, konto).status_code == 302
    user = User.objects.get(username="mette@leverandoer.test")
    assert user.roller == [Rolle.MENTOR]
    profil.refresh_from_db()
    assert profil.bruger == user
    assert client.get(reverse("forloeb:mentor_forloeb", args=[eget.pk])).status_code == 200
    assert client.get(reverse("forloeb:mentor_forloeb", args=[andet.pk])).status_code == 404


def test_foerste_log_ind_uden_rolle_afvises_og_opretter_ingen_bruger(client, saml_kommune):
    konto = saml_kommune.konto("ingen", **{oiosaml.ADFS_ROLLE: ["Kantinen"]})
    svar = c.saml_login(client, saml_kommune, konto)
    assert_afvist(client, svar, "ingen rolle i Mentorsag")
    assert not User.objects.filter(sso_identiteter__subjekt=konto.subjekt).exists()


def test_privilegier_for_en_anden_kommunes_cvr_taeller_ikke(client, saml_kommune):
    konto = saml_kommune.konto(
        "fremmed", **{oiosaml.PRIVILEGIER: c.privilegier(c.PRIV_SAGSBEHANDLER, cvr="11111111")}
    )
    assert_afvist(client, c.saml_login(client, saml_kommune, konto), "ingen rolle")


def test_rollerne_foelger_udbyderen_ved_hvert_log_ind_og_tokens_forsvinder(client, saml_kommune):
    konto = sagsbehandler(saml_kommune)
    c.saml_login(client, saml_kommune, konto)
    user = User.objects.get(username="sara@kommune.test")

    # A claim added: the role comes at the next login.
    konto.attributter[oiosaml.PRIVILEGIER] = c.privilegier(c.PRIV_SAGSBEHANDLER, c.PRIV_KOORDINATOR)
    client.logout()
    c.saml_login(client, saml_kommune, konto)
    user.refresh_from_db()
    assert sorted(user.roller) == [Rolle.MENTORKOORDINATOR, Rolle.SAGSBEHANDLER]
    _row, token = organisation_services.opret_api_token(
        bruger=user, navn="Integration", levetid=dt.timedelta(days=7)
    )

    # Every claim removed: the next login is refused, the roles and tokens are gone.
    konto.attributter[oiosaml.PRIVILEGIER] = c.privilegier("urn:andet:system:rolle")
    client.logout()
    svar = c.saml_login(client, saml_kommune, konto)
    assert_afvist(client, svar, "ingen rolle i Mentorsag")
    user.refresh_from_db()
    assert user.roller == [] and list(user.teams.all()) == []
    assert not ApiToken.objects.filter(user=user).exists()
    log = Rolleaendring.objects.filter(bruger=user).order_by("pk")
    assert [r.roller_efter for r in log] == [
        ["sagsbehandler"],
        ["mentorkoordinator", "sagsbehandler"],
        [],
    ]
    assert log.last().tokens_tilbagekaldt == 1 and log.last().kilde == Kilde.SAML


def test_deaktiveret_bruger_kommer_ikke_ind_via_sso(client, saml_kommune):
    konto = sagsbehandler(saml_kommune)
    c.saml_login(client, saml_kommune, konto)
    user = User.objects.get(username="sara@kommune.test")
    organisation_services.aendr_adgang(bruger=user, kilde=Kilde.ADMIN, is_active=False)
    client.logout()
    assert_afvist(client, c.saml_login(client, saml_kommune, konto), "deaktiveret")


def test_for_lavt_nsis_niveau_afvises(client, saml_kommune):
    saml_kommune.udbyder.kraevet_nsis_niveau = "betydelig"
    saml_kommune.udbyder.save()
    konto = sagsbehandler(saml_kommune)
    konto.loa = "Low"
    assert_afvist(client, c.saml_login(client, saml_kommune, konto), "sikringsniveau")


def test_laast_kombination_af_brugernavn_og_adresse_gaelder_ogsaa_sso(
    client, saml_kommune, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    cache.clear()
    konto = sagsbehandler(saml_kommune)
    c.saml_login(client, saml_kommune, konto)
    client.logout()
    for _i in range(3):
        client.post(reverse("login"), {"username": "sara@kommune.test", "password": "gæt"})
    svar = c.saml_login(client, saml_kommune, konto)
    assert svar.status_code == 429
    assert "midlertidigt låst" in svar.content.decode()
    assert not client.session.get("_auth_user_id")
    # From another address the same person gets in.
    svar = c.saml_login(client.__class__(REMOTE_ADDR="203.0.113.5"), saml_kommune, konto)
    assert svar.status_code == 302


# --- Refused answers -------------------------------------------------------------------------


def test_manipuleret_signatur_afvises(client, saml_kommune):
    req, relay = c.start_login(client, saml_kommune)
    svar = saml_kommune.idp.svar(req, sagsbehandler(saml_kommune))
    xml = base64.b64decode(svar).decode()
    assert "sara@kommune.test" in xml
    falsk = base64.b64encode(xml.replace("sara@kommune.test", "chef@kommune.test").encode())
    assert_afvist(client, c.post_svar(client, falsk.decode(), relay), "ikke en gyldig signatur")
    assert not User.objects.exists() or not User.objects.filter(email="chef@kommune.test")


def test_udloebet_assertion_afvises(client, saml_kommune):
    req, relay = c.start_login(client, saml_kommune)
    with time_machine.travel(timezone.now() - dt.timedelta(hours=2), tick=False):
        svar = saml_kommune.idp.svar(req, sagsbehandler(saml_kommune))
    assert_afvist(client, c.post_svar(client, svar, relay), "udløbet")


def test_genbrugt_assertion_afvises(client, saml_kommune):
    req, relay = c.start_login(client, saml_kommune)
    svar = saml_kommune.idp.svar(req, sagsbehandler(saml_kommune))
    assert c.post_svar(client, svar, relay).status_code == 302
    assert BrugtAssertion.objects.count() == 1
    client.logout()
    assert_afvist(client, c.post_svar(client, svar, relay), "allerede brugt")
    # Nor in a fresh browser session.
    anden = client.__class__()
    assert_afvist(anden, c.post_svar(anden, svar, relay), "allerede brugt")


def test_assertion_til_et_andet_system_afvises(client, saml_kommune, tmp_path):
    andet = "https://andet-system.test/saml"
    saml_kommune.idp.kend_sp(andet_sp_metadata(tmp_path / "andet", andet))
    req, relay = c.start_login(client, saml_kommune)
    svar = saml_kommune.idp.svar(req, sagsbehandler(saml_kommune), audience=andet)
    assert_afvist(client, c.post_svar(client, svar, relay), "ikke udstedt til Mentorsag")


def test_svar_fra_ukendt_identitetsudbyder_afvises(client, saml_kommune, tmp_path):
    ukendt = SamlIdp(tmp_path / "ukendt", "https://ukendt-idp.test", navn="ukendt")
    ukendt.kend_sp(client.get(reverse("sso:saml_metadata")).content.decode())
    req, relay = c.start_login(client, saml_kommune)
    svar = ukendt.svar(req, sagsbehandler(saml_kommune))
    assert_afvist(client, c.post_svar(client, svar, relay), "som Mentorsag ikke kender")


def test_inaktiv_udbyder_er_ukendt(client, saml_kommune):
    req, relay = c.start_login(client, saml_kommune)
    svar = saml_kommune.idp.svar(req, sagsbehandler(saml_kommune))
    Identitetsudbyder.objects.filter(pk=saml_kommune.udbyder.pk).update(aktiv=False)
    assert_afvist(client, c.post_svar(client, svar, relay), "som Mentorsag ikke kender")


def test_uopfordret_svar_afvises(client, saml_kommune):
    req, _relay = c.start_login(client.__class__(), saml_kommune)  # another browser's request
    svar = saml_kommune.idp.svar(req, sagsbehandler(saml_kommune))
    assert_afvist(client, c.post_svar(client, svar), "hører ikke til et log-ind")


# --- Logging out --------------------------------------------------------------------------


def test_log_ud_sender_signeret_logoutrequest_og_afslutter_begge_sessioner(client, saml_kommune):
    c.saml_login(client, saml_kommune, sagsbehandler(saml_kommune))
    svar = client.post(reverse("logout"))
    assert svar.status_code == 307 and svar["Location"] == reverse("sso:saml_logud")
    svar = client.post(svar["Location"])
    assert svar.status_code == 200
    assert not client.session.get("_auth_user_id")  # logged out here at once
    url = re.search(r'href="([^"]+)" data-sso-videre', svar.content.decode()).group(1)
    url = url.replace("&amp;", "&")
    assert url.startswith("https://idp.kommune.test/slo/redirect?")
    assert "Signature=" in url

    tilbage = saml_kommune.idp.log_ud(url)
    assert saml_kommune.idp.logud_forespoergsler[-1].name_id.text == "urn:uuid:sara-0000"
    dele = urlsplit(tilbage)
    assert dele.path == reverse("sso:saml_ls")
    svar = client.get(f"{dele.path}?{dele.query}")
    assert svar.status_code == 200
    assert "Du er logget ud" in svar.content.decode()


def test_log_ud_uden_sso_er_som_foer(client, saml_kommune):
    from tests.factories import PASSWORD, user_with_role

    user = user_with_role(Rolle.MENTOR)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert client.session[LOGIN_METODE] == "adgangskode"
    svar = client.post(reverse("logout"))
    assert svar.status_code == 200 and "Du er logget ud" in svar.content.decode()


# --- A shared IdP (KOMBIT's adgangsstyring) --------------------------------------------------


def test_faelles_udbyder_finder_kommunen_ud_fra_cvr_i_privilegierne(client, saml_kommune):
    """One IdP for several municipalities: the organisation comes from the privilege's
    scope (the municipality's CVR number), and only that municipality's mappings count."""
    udbyder = saml_kommune.udbyder
    udbyder.organisation = None
    udbyder.save()
    udbyder.tildelinger.update(organisation=saml_kommune.org)
    anden = Organisation.objects.create(navn="Anden Kommune", cvr="22222222")
    anden_team = anden.teams.create(navn="Jobcenter")
    Rolletildeling.objects.create(
        udbyder=udbyder,
        organisation=anden,
        vaerdi=c.PRIV_SAGSBEHANDLER,
        rolle=Rolle.MENTOR,
        team=anden_team,
    )
    konto = saml_kommune.konto(
        "delt", **{oiosaml.PRIVILEGIER: c.privilegier(c.PRIV_SAGSBEHANDLER, cvr="22222222")}
    )
    assert c.saml_login(client, saml_kommune, konto).status_code == 302
    user = SsoIdentitet.objects.get(subjekt=konto.subjekt).bruger
    assert user.organisation == anden
    assert user.roller == [Rolle.MENTOR] and list(user.teams.all()) == [anden_team]


def test_rolletildeling_paa_faelles_udbyder_kraever_organisation(saml_kommune):
    from django.core.exceptions import ValidationError

    udbyder = saml_kommune.udbyder
    udbyder.organisation = None
    udbyder.save()
    tildeling = Rolletildeling(udbyder=udbyder, vaerdi="x", rolle=Rolle.MENTOR)
    with pytest.raises(ValidationError) as fejl:
        tildeling.full_clean()
    assert "organisation" in fejl.value.message_dict


def test_udbyder_med_forkert_metadata_afvises_i_admin(saml_kommune):
    from django.core.exceptions import ValidationError

    udbyder = Identitetsudbyder(
        navn="X",
        slug="x",
        protokol=Protokol.SAML,
        entity_id="https://andet.test",
        metadata_xml=saml_kommune.udbyder.metadata_xml,
    )
    with pytest.raises(ValidationError) as fejl:
        udbyder.full_clean()
    assert "metadata_xml" in fejl.value.message_dict


# --- Several municipalities on one deployment -------------------------------------------------


def test_to_kommuner_med_hver_sin_idp_paa_samme_tid(client, saml_kommune, tmp_path):
    anden_org = Organisation.objects.create(navn="Nabo Kommune", kommunekode="103")
    anden_team = anden_org.teams.create(navn="Nabo-team")
    anden_idp = SamlIdp(tmp_path / "nabo", "https://idp.nabo.test", navn="nabo")
    anden = Identitetsudbyder.objects.create(
        navn="Nabo Kommunes Entra ID",
        slug="nabo",
        organisation=anden_org,
        protokol=Protokol.SAML,
        entity_id=anden_idp.entity_id,
        metadata_xml=anden_idp.metadata_xml,
        rolle_attributter=oiosaml.ENTRA_GRUPPER,
    )
    Rolletildeling.objects.create(
        udbyder=anden, vaerdi="9c1f-gruppe", rolle=Rolle.SAGSBEHANDLER, team=anden_team
    )
    anden_idp.kend_sp(client.get(reverse("sso:saml_metadata")).content.decode())

    html = client.get(reverse("login")).content.decode()
    assert (
        "Log ind med Saml Kommunes AD FS" in html and "Log ind med Nabo Kommunes Entra ID" in html
    )
    kun_nabo = client.get(reverse("login"), {"kommune": "103"}).content.decode()
    assert "Nabo Kommunes Entra ID" in kun_nabo and "Saml Kommunes AD FS" not in kun_nabo

    assert c.saml_login(client, saml_kommune, sagsbehandler(saml_kommune)).status_code == 302
    client.logout()
    svar = client.get(reverse("sso:saml_login", args=["nabo"]))
    req, relay = anden_idp.modtag_authn_request(svar["Location"])
    konto = Konto("urn:uuid:nabo-1", {oiosaml.ENTRA_GRUPPER: ["9c1f-gruppe"]})
    assert c.post_svar(client, anden_idp.svar(req, konto), relay).status_code == 302

    sara = User.objects.get(sso_identiteter__subjekt="urn:uuid:sara-0000")
    nabo = User.objects.get(sso_identiteter__subjekt="urn:uuid:nabo-1")
    assert (sara.organisation, nabo.organisation) == (saml_kommune.org, anden_org)
    assert list(nabo.teams.all()) == [anden_team]
    assert nabo.username.startswith("nabo-")  # no e-mail: a name derived from the NameID


def test_post_binding_for_authnrequest_med_csp_der_tillader_idp(client, saml_kommune, settings):
    settings.SAML_DEFAULT_BINDING = BINDING_HTTP_POST
    svar = client.get(reverse("sso:saml_login", args=["saml-kommune"]))
    assert svar.status_code == 200
    html = svar.content.decode()
    assert 'action="https://idp.kommune.test/sso/post"' in html
    assert "<script" in html and "sso.js" in html  # sent on by a static file, no inline JS
    assert "form-action 'self' https://idp.kommune.test" in svar["Content-Security-Policy"]
    saml_request = re.search(r'name="SAMLRequest" value="([^"]+)"', html).group(1)
    relay = re.search(r'name="RelayState" value="([^"]*)"', html).group(1)
    req = saml_kommune.idp.server.parse_authn_request(saml_request, BINDING_HTTP_POST)
    assert req.message.signature is not None  # signed inside the XML for the POST binding
    svar = c.post_svar(client, saml_kommune.idp.svar(req, sagsbehandler(saml_kommune)), relay)
    assert svar.status_code == 302, fejltekst(svar)


def test_idp_startet_single_logout_afslutter_sessionen(client, saml_kommune):
    c.saml_login(client, saml_kommune, sagsbehandler(saml_kommune))
    assert client.session.get("_auth_user_id")
    server = saml_kommune.idp.server
    sp = "http://testserver/sso/saml/metadata/"
    destination = server.metadata.single_logout_service(sp, BINDING_HTTP_REDIRECT, "spsso")[0][
        "location"
    ]
    _id, req = server.create_logout_request(
        destination,
        issuer_entity_id=sp,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text="urn:uuid:sara-0000"),
        sign=False,
    )
    info = server.apply_binding(
        BINDING_HTTP_REDIRECT, str(req), destination, "", sign=True, sigalg=SIG_RSA_SHA256
    )
    url = dict(info["headers"])["Location"]
    svar = client.get(f"{urlsplit(url).path}?{urlsplit(url).query}")
    assert not client.session.get("_auth_user_id")
    # The SP answers with a LogoutResponse back to the IdP.
    tilbage = re.search(r'href="([^"]+)" data-sso-videre', svar.content.decode()).group(1)
    assert (
        tilbage.startswith("https://idp.kommune.test/slo/redirect?") and "SAMLResponse" in tilbage
    )


def test_log_ind_logger_ingen_persondata(client, saml_kommune, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    konto = sagsbehandler(saml_kommune, navn="hemmelig")
    assert c.saml_login(client, saml_kommune, konto).status_code == 302
    assert "hemmelig@kommune.test" not in caplog.text
    assert "Hemmelig" not in caplog.text
