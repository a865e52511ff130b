"""A real SAML 2.0 identity provider for the tests: pysaml2's own IdP (`saml2.server.Server`)
with its own key, certificate and metadata, reachable in process (for the test client) and
over HTTP (for the browser)."""

from __future__ import annotations

import base64
import html
import shutil
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import saml2
from saml2 import xmldsig
from saml2.config import IdPConfig, SPConfig
from saml2.metadata import entity_descriptor
from saml2.pack import http_form_post_message
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from sso import oiosaml
from sso.saml import OIOSAML_ATTRIBUTTER

from .noegler import selvsigneret

# What the SP asks for, and the AD FS/Entra claim types the tests map.
URI_ATTRIBUTTER = [
    *OIOSAML_ATTRIBUTTER,
    oiosaml.ADFS_ROLLE,
    oiosaml.ADFS_GRUPPE,
    oiosaml.ENTRA_GRUPPER,
]


def _attributkort(mappe: Path) -> Path:
    """A pysaml2 attribute map that sends the OIOSAML/AD FS names as they are, with
    NameFormat uri (as NemLog-in, KOMBIT and AD FS do)."""
    mappe.mkdir(parents=True, exist_ok=True)
    to = {navn.lower(): navn for navn in URI_ATTRIBUTTER}
    fro = {navn: navn for navn in URI_ATTRIBUTTER}
    (mappe / "testidp_uri_attributter.py").write_text(
        f"MAP = {{'identifier': {NAME_FORMAT_URI!r}, 'fro': {fro!r}, 'to': {to!r}}}\n"
    )
    return mappe


@dataclass
class Konto:
    """A person at the test IdP."""

    subjekt: str
    attributter: dict[str, list[str]] = field(default_factory=dict)
    loa: str = "Substantial"


class SamlIdp:
    def __init__(self, mappe: Path, base_url: str, navn: str = "testidp"):
        self.mappe = mappe
        self.base_url = base_url.rstrip("/")
        self.navn = navn
        self.noegle, self.cert = selvsigneret(mappe / "noegler", navn)
        self.kortmappe = _attributkort(mappe / "kort")
        self.kendte_sp: list[str] = []
        self.server: Server | None = None
        self.konti: dict[str, Konto] = {}
        self.afventende: dict[str, object] = {}
        self.logud_forespoergsler: list = []

    @property
    def entity_id(self) -> str:
        return f"{self.base_url}/idp/metadata"

    def _config(self) -> IdPConfig:
        conf = IdPConfig()
        conf.load(
            {
                "entityid": self.entity_id,
                "xmlsec_binary": shutil.which("xmlsec1"),
                "key_file": str(self.noegle),
                "cert_file": str(self.cert),
                "attribute_map_dir": str(self.kortmappe),
                "allow_unknown_attributes": True,
                "service": {
                    "idp": {
                        "name": "Test-IdP",
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.base_url}/sso/redirect", saml2.BINDING_HTTP_REDIRECT),
                                (f"{self.base_url}/sso/post", saml2.BINDING_HTTP_POST),
                            ],
                            "single_logout_service": [
                                (f"{self.base_url}/slo/redirect", saml2.BINDING_HTTP_REDIRECT),
                            ],
                        },
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "want_authn_requests_signed": True,
                        "sign_assertion": True,
                        "sign_response": False,
                        "signing_algorithm": xmldsig.SIG_RSA_SHA256,
                        "digest_algorithm": xmldsig.DIGEST_SHA256,
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 5},
                                "attribute_restrictions": None,
                                "name_form": NAME_FORMAT_URI,
                                "fail_on_missing_requested": False,
                            }
                        },
                    }
                },
                "metadata": {"inline": list(self.kendte_sp)} if self.kendte_sp else {},
            }
        )
        return conf

    @property
    def metadata_xml(self) -> str:
        return str(entity_descriptor(self._config()))

    def kend_sp(self, sp_metadata_xml: str) -> None:
        """Trust an SP (its metadata, with signing and encryption certificates)."""
        self.kendte_sp.append(sp_metadata_xml)
        self.server = Server(config=self._config())

    # --- The protocol ---------------------------------------------------------------------

    def modtag_authn_request(self, url: str):
        """Parse and verify a signed HTTP-Redirect AuthnRequest (pysaml2 refuses an unsigned
        one: want_authn_requests_signed)."""
        q = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        return self.server.parse_authn_request(
            q["SAMLRequest"],
            saml2.BINDING_HTTP_REDIRECT,
            relay_state=q.get("RelayState"),
            sigalg=q.get("SigAlg"),
            signature=q.get("Signature"),
        ), q.get("RelayState", "")

    def svar(
        self,
        req_info,
        konto: Konto,
        *,
        audience: str | None = None,
        encrypt: bool = False,
        issuer: str | None = None,
    ) -> str:
        """A signed assertion for the request, as the base64 SAMLResponse."""
        msg = req_info.message
        identity = dict(konto.attributter)
        if konto.loa:
            identity.setdefault(oiosaml.NSIS_LOA, [konto.loa])
        identity.setdefault(oiosaml.SPEC_VERSION, ["OIO-SAML-3.0"])
        sp = audience or msg.issuer.text
        acs = (
            msg.assertion_consumer_service_url
            or self.server.metadata.assertion_consumer_service(sp, saml2.BINDING_HTTP_POST)[0][
                "location"
            ]
        )
        response = self.server.create_authn_response(
            identity,
            in_response_to=msg.id,
            destination=acs,
            sp_entity_id=sp,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=konto.subjekt),
            authn={
                "class_ref": oiosaml.LOA_PREFIX + (konto.loa or "Low"),
                "authn_auth": self.entity_id,
            },
            sign_assertion=True,
            sign_response=False,
            encrypt_assertion=encrypt,
            encrypt_assertion_self_contained=True,
            issuer=issuer,
        )
        return base64.b64encode(str(response).encode()).decode()

    def log_ud(self, url: str) -> str:
        """Answer a signed HTTP-Redirect LogoutRequest; returns the URL back to the SP."""
        q = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        req = self.server.parse_logout_request(
            q["SAMLRequest"],
            saml2.BINDING_HTTP_REDIRECT,
            relay_state=q.get("RelayState"),
            sigalg=q.get("SigAlg"),
            signature=q.get("Signature"),
        )
        self.logud_forespoergsler.append(req.message)
        resp = self.server.create_logout_response(req.message, [saml2.BINDING_HTTP_REDIRECT])
        destination = self.server.metadata.single_logout_service(
            req.message.issuer.text, saml2.BINDING_HTTP_REDIRECT, "spsso"
        )[0]["location"]
        info = self.server.apply_binding(
            saml2.BINDING_HTTP_REDIRECT,
            str(resp),
            destination,
            q.get("RelayState", ""),
            response=True,
            sign=True,
            sigalg=xmldsig.SIG_RSA_SHA256,
        )
        return dict(info["headers"])["Location"]

    # --- Over HTTP, for the browser ----------------------------------------------------------

    def start_http(self, port: int = 0) -> SamlIdpHttp:
        return SamlIdpHttp(self, port)


class SamlIdpHttp:
    """The IdP behind a small HTTP server on localhost, with a login page of its own."""

    def __init__(self, idp: SamlIdp, port: int):
        self.idp = idp
        handler = _handler(idp)
        self.httpd = ThreadingHTTPServer(("localhost", port), handler)
        # The IdP's URLs (and so its metadata) name the port it got.
        idp.base_url = f"http://localhost:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _handler(idp: SamlIdp):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _svar(self, status: int, body: str, headers: dict | None = None):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            sti = urlsplit(self.path).path
            url = idp.base_url + self.path
            if sti == "/idp/metadata":
                return self._svar(200, idp.metadata_xml, {"Content-Type": "text/xml"})
            if sti == "/sso/redirect":
                try:
                    req, relay = idp.modtag_authn_request(url)
                except Exception as exc:  # noqa: BLE001 - shown to the test as a page
                    return self._svar(400, f"<h1>Afvist</h1><p>{html.escape(str(exc))}</p>")
                noegle = req.message.id
                idp.afventende[noegle] = (req, relay)
                valg = "".join(
                    f'<option value="{html.escape(n)}">{html.escape(n)}</option>' for n in idp.konti
                )
                return self._svar(
                    200,
                    "<!DOCTYPE html><html lang='da'><title>Test-IdP</title><h1>Test-IdP</h1>"
                    "<form method='post' action='/sso/login'>"
                    f"<input type='hidden' name='req' value='{html.escape(noegle)}'>"
                    "<label for='konto'>Bruger</label>"
                    f"<select id='konto' name='konto'>{valg}</select>"
                    "<button type='submit'>Godkend log-ind</button></form>",
                )
            if sti == "/slo/redirect":
                return self._svar(302, "", {"Location": idp.log_ud(url)})
            return self._svar(404, "ukendt")

        def do_POST(self):
            laengde = int(self.headers.get("Content-Length", 0))
            data = {k: v[0] for k, v in parse_qs(self.rfile.read(laengde).decode()).items()}
            if urlsplit(self.path).path != "/sso/login":
                return self._svar(404, "ukendt")
            req, relay = idp.afventende.pop(data["req"])
            svar = idp.svar(req, idp.konti[data["konto"]])
            acs = req.message.assertion_consumer_service_url
            form = http_form_post_message(
                base64.b64decode(svar).decode(), acs, relay, typ="SAMLResponse"
            )
            return self._svar(200, form["data"])

    return Handler


def andet_sp_metadata(mappe: Path, entity_id: str) -> str:
    """Metadata of another service provider, for an assertion meant for someone else."""
    noegle, cert = selvsigneret(mappe, "andet-sp")
    conf = SPConfig()
    conf.load(
        {
            "entityid": entity_id,
            "xmlsec_binary": shutil.which("xmlsec1"),
            "key_file": str(noegle),
            "cert_file": str(cert),
            "service": {
                "sp": {
                    "endpoints": {
                        "assertion_consumer_service": [
                            (entity_id + "/acs", saml2.BINDING_HTTP_POST)
                        ]
                    }
                }
            },
        }
    )
    return str(entity_descriptor(conf))
