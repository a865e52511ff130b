"""A real OpenID Provider in its own process: npm `oidc-provider` (tests/oidc_provider),
with signing keys, a client and accounts made by the test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from .noegler import offentlig, rsa_jwk

MAPPE = Path(__file__).resolve().parent.parent / "oidc_provider"
KLIENT_ID = "mentorsag"
KLIENT_HEMMELIGHED = "kun-til-test-" + "x" * 20


def node_klar() -> str:
    """The node binary with oidc-provider installed (`npm ci` once if needed)."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed; the OIDC tests need it")
        pytest.skip("node is not installed")
    if not (MAPPE / "node_modules" / "oidc-provider").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=MAPPE, check=True)
    return node


class OidcProvider:
    def __init__(self, mappe: Path, redirect_uris: list[str], logud_uris: list[str]):
        mappe.mkdir(parents=True, exist_ok=True)
        self.jwk = rsa_jwk("noegle-1")
        self.konti_fil = mappe / "konti.json"
        self.konti: dict[str, dict] = {}
        self._skriv_konti()
        konfig = {
            "clients": [
                {
                    "client_id": KLIENT_ID,
                    "client_secret": KLIENT_HEMMELIGHED,
                    "redirect_uris": redirect_uris,
                    "post_logout_redirect_uris": logud_uris,
                    "response_types": ["code"],
                    "grant_types": ["authorization_code"],
                    "token_endpoint_auth_method": "client_secret_post",
                }
            ],
            "jwks": {"keys": [self.jwk]},
            "konti_fil": str(self.konti_fil),
        }
        self.proc = subprocess.Popen(
            [node_klar(), str(MAPPE / "server.mjs")],
            cwd=MAPPE,
            env={**os.environ, "OIDC_TEST_KONFIG": json.dumps(konfig)},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        linje = self.proc.stdout.readline()  # blocks until the provider listens or exits
        if not linje.startswith("KLAR "):
            self.stop()
            raise RuntimeError(f"oidc-provider did not start: {linje!r}")
        self.issuer = f"http://localhost:{int(linje.split()[1])}"
        self.discovery = requests.get(
            f"{self.issuer}/.well-known/openid-configuration", timeout=10
        ).json()

    def _skriv_konti(self):
        self.konti_fil.write_text(json.dumps(self.konti))

    def saet_konto(self, konto_id: str, **claims):
        self.konti[konto_id] = claims
        self._skriv_konti()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def udbyder_felter(self) -> dict:
        d = self.discovery
        return {
            "issuer": d["issuer"],
            "client_id": KLIENT_ID,
            "client_secret": KLIENT_HEMMELIGHED,
            "authorization_endpoint": d["authorization_endpoint"],
            "token_endpoint": d["token_endpoint"],
            "jwks_uri": d["jwks_uri"],
            "end_session_endpoint": d["end_session_endpoint"],
            "scopes": "openid email profile roller",
        }

    def gennemfoer(self, auth_url: str, konto_id: str, stop_ved: str) -> str:
        """Log in at the provider (its login and consent pages) like a browser; returns the
        redirect back to the relying party (the first URL starting with `stop_ved`)."""
        s = requests.Session()
        url, metode, data = auth_url, "GET", None
        for _i in range(12):
            svar = s.request(metode, url, data=data, allow_redirects=False, timeout=10)
            if svar.is_redirect:
                url, metode, data = urljoin(url, svar.headers["Location"]), "GET", None
                if url.startswith(stop_ved):
                    return url
                continue
            formular = _Formular()
            formular.feed(svar.text)
            if not formular.action:
                raise AssertionError(f"unexpected page at the provider: {svar.text[:500]}")
            data = dict(formular.felter)
            if data.get("prompt") == "login":
                data.update(login=konto_id, password="ligegyldigt")
            url, metode = urljoin(url, formular.action), "POST"
        raise AssertionError("the provider never sent the browser back")


class _Formular(HTMLParser):
    def __init__(self):
        super().__init__()
        self.action = ""
        self.felter: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.action:
            self.action = attrs.get("action") or ""
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.felter[attrs["name"]] = attrs.get("value") or ""


class JsonServer:
    """Serves one JSON document on localhost (a JWKS that does not match the IdP's key)."""

    def __init__(self, dokument: dict):
        data = json.dumps(dokument).encode()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("localhost", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://localhost:{self.httpd.server_address[1]}/jwks"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def forkert_jwks(rigtig: dict) -> dict:
    """Another key under the provider's key id: a token signed by the provider does not
    verify against it."""
    falsk = offentlig(rsa_jwk(rigtig["kid"]))
    return {"keys": [falsk]}


def sti_og_query(url: str) -> str:
    dele = urlsplit(url)
    return f"{dele.path}?{dele.query}"
