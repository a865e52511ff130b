"""OpenID Connect relying party (mozilla-django-oidc): authorization code flow with PKCE
(S256), the ID token's signature checked against the IdP's JWKS, nonce, issuer, audience
and expiry checked, RP-initiated logout.

mozilla-django-oidc reads one provider from settings. Here every OIDC `Identitetsudbyder`
row is a provider: its views and protocol code look their settings up on the row
(`get_settings`), the state kept in the session remembers which row started the flow, and
one callback URL (/sso/oidc/callback/) serves them all.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_protect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify, import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView, OIDCLogoutView

from . import flow, oiosaml, services
from .models import Identitetsudbyder, Protokol

logger = logging.getLogger(__name__)

SESSION_ID_TOKEN = "oidc_id_token"  # noqa: S105 - a session key
SESSION_UDBYDER = "oidc_udbyder"


def oidc_udbydere():
    return Identitetsudbyder.objects.aktive().filter(protokol=Protokol.OIDC)


def _udbyder_indstillinger(udbyder: Identitetsudbyder) -> dict:
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": udbyder.authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": udbyder.token_endpoint,
        "OIDC_OP_USER_ENDPOINT": udbyder.userinfo_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": udbyder.jwks_uri,
        "OIDC_RP_CLIENT_ID": udbyder.client_id,
        "OIDC_RP_CLIENT_SECRET": udbyder.client_secret,
        "OIDC_RP_SIGN_ALGO": udbyder.signaturalgoritme,
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_RP_SCOPES": udbyder.scopes,
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:oidc_callback",
    }


class OidcKlient(OIDCAuthenticationBackend):
    """mozilla-django-oidc's protocol code for one IdP row. Not an authentication backend
    here: the user is handled by `sso.backends.SsoBackend`, like a SAML login."""

    def __init__(self, udbyder: Identitetsudbyder):
        self.udbyder = udbyder
        super().__init__()

    def get_settings(self, attr, *args):
        indstillinger = _udbyder_indstillinger(self.udbyder)
        if attr in indstillinger:
            return indstillinger[attr]
        return import_from_settings(attr, *args)

    def kontroller_claims(self, payload: dict) -> None:
        """What mozilla-django-oidc leaves out (it decodes with verify_aud off): the token
        is from this issuer, for this client, and has an expiry."""
        if payload.get("iss") != self.udbyder.issuer:
            raise SuspiciousOperation("issuer")
        aud = payload.get("aud")
        audiences = aud if isinstance(aud, list) else [aud]
        if self.udbyder.client_id not in audiences:
            raise SuspiciousOperation("audience")
        if len(audiences) > 1 and payload.get("azp") != self.udbyder.client_id:
            raise SuspiciousOperation("audience")
        if "exp" not in payload or not payload.get("sub"):
            raise SuspiciousOperation("claims")


class LogInd(OIDCAuthenticationRequestView):
    """GET /sso/oidc/<kortnavn>/log-ind/: to the IdP's authorization endpoint with state,
    nonce and a PKCE code challenge (S256)."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the endpoint and client come from the row, in get()

    def get_settings(self, attr, *args):
        indstillinger = _udbyder_indstillinger(self.udbyder)
        if attr in indstillinger:
            return indstillinger[attr]
        return import_from_settings(attr, *args)

    def get(self, request, slug: str):
        self.udbyder = oidc_udbydere().filter(slug=slug).first()
        if self.udbyder is None:
            raise Http404(_("Identitetsudbyderen findes ikke."))
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        self.OIDC_OP_AUTH_ENDPOINT = self.udbyder.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.udbyder.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session["oidc_states"][state]["udbyder"] = self.udbyder.pk
        request.session["oidc_states"][state]["next"] = request.session.pop("oidc_login_next", None)
        request.session.modified = True
        return response


def _signaturfejl(exc: Exception) -> str:
    besked = str(exc)
    if "Nonce" in besked:
        return _("ID-tokenet hører ikke til dette log-ind (nonce passer ikke). Start forfra.")
    if besked in {"issuer", "audience", "claims"}:
        return _("ID-tokenet var ikke udstedt af udbyderen til Mentorsag.")
    return _("ID-tokenet fra identitetsudbyderen havde ikke en gyldig signatur.")


class Callback(View):
    """GET /sso/oidc/callback/?code&state: code → tokens (with the PKCE verifier), the ID
    token verified, then the same user handling as for SAML."""

    def get(self, request):
        state = request.GET.get("state", "")
        states = request.session.get("oidc_states") or {}
        forloeb = states.pop(state, None) if state else None
        request.session.modified = True
        if forloeb is None or not forloeb.get("udbyder"):
            return flow.fejlside(
                request,
                _("Log-ind kunne ikke genkendes (måske er det allerede brugt). Start forfra."),
                status=400,
            )
        udbyder = oidc_udbydere().filter(pk=forloeb["udbyder"]).first()
        if udbyder is None:
            return flow.fejlside(request, _("Identitetsudbyderen er ikke længere aktiv."))
        if request.GET.get("error") or not request.GET.get("code"):
            return flow.fejlside(request, _("Log-ind blev afbrudt hos identitetsudbyderen."))
        try:
            return self._log_ind(request, udbyder, forloeb)
        except flow.Laast:
            return flow.laast_svar(request)
        except services.SsoAfvist as exc:
            return flow.fejlside(request, str(exc), udbyder=udbyder)

    def _log_ind(self, request, udbyder, forloeb):
        klient = OidcKlient(udbyder)
        try:
            tokens = klient.get_token(
                {
                    "client_id": udbyder.client_id,
                    "client_secret": udbyder.client_secret,
                    "grant_type": "authorization_code",
                    "code": request.GET["code"],
                    "redirect_uri": absolutify(request, reverse("sso:oidc_callback")),
                    "code_verifier": forloeb.get("code_verifier"),
                }
            )
        except requests.HTTPError:
            logger.warning("OIDC token request refused by IdP %s", udbyder.pk)
            raise services.SsoAfvist(_("Identitetsudbyderen afviste log-ind-koden.")) from None
        except requests.RequestException:
            raise services.SsoAfvist(_("Identitetsudbyderen kunne ikke kontaktes.")) from None
        id_token = tokens.get("id_token") or ""
        try:
            payload = klient.verify_token(id_token, nonce=forloeb.get("nonce"))
            klient.kontroller_claims(payload)
        except SuspiciousOperation as exc:
            logger.warning("OIDC ID token refused (IdP %s): %s", udbyder.pk, exc)
            raise services.SsoAfvist(_signaturfejl(exc)) from None
        except (jwt.InvalidTokenError, requests.RequestException, KeyError, ValueError):
            logger.warning("OIDC ID token refused (IdP %s)", udbyder.pk)
            raise services.SsoAfvist(
                _("ID-tokenet fra identitetsudbyderen er ugyldigt eller udløbet.")
            ) from None
        claims = dict(payload)
        if udbyder.userinfo_endpoint and tokens.get("access_token"):
            userinfo = klient.get_userinfo(tokens["access_token"], id_token, payload)
            if userinfo.get("sub") != payload["sub"]:
                raise services.SsoAfvist(_("Udbyderens brugeroplysninger passer ikke til log-ind."))
            claims.update(userinfo)
        attributter = services.normaliser_attributter(claims)
        login = services.SsoLogin(
            udbyder=udbyder,
            subjekt=str(payload["sub"]),
            attributter=attributter,
            nsis_niveau=oiosaml.nsis_niveau(
                next(iter(attributter.get(udbyder.attributnavn("nsis"), [])), "")
            ),
        )
        flow.fuldfoer_login(request, login, logud_url=reverse("sso:oidc_logud"))
        request.session[SESSION_ID_TOKEN] = id_token
        request.session[SESSION_UDBYDER] = udbyder.pk
        return redirect(forloeb.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))


def logud_url(request) -> str:
    """OIDC_OP_LOGOUT_URL_METHOD: the IdP's end-session endpoint (RP-initiated logout) for
    the IdP the user came through, back to our logged-out page."""
    tilbage = absolutify(request, reverse("sso:logget_ud"))
    udbyder = oidc_udbydere().filter(pk=request.session.get(SESSION_UDBYDER)).first()
    if udbyder is None or not udbyder.end_session_endpoint:
        return tilbage
    parametre = {"client_id": udbyder.client_id, "post_logout_redirect_uri": tilbage}
    if request.session.get(SESSION_ID_TOKEN):
        parametre["id_token_hint"] = request.session[SESSION_ID_TOKEN]
    return f"{udbyder.end_session_endpoint}?{urlencode(parametre)}"


@method_decorator(csrf_protect, name="dispatch")
class LogUd(OIDCLogoutView):
    """POST /sso/oidc/log-ud/ (the logout button, via /log-ud/)."""

    http_method_names = ["post"]

    @property
    def redirect_url(self):
        return reverse("sso:logget_ud")

    def post(self, request):
        return flow.videre(request, super().post(request), overskrift=_("Du logges ud"))


def logget_ud(request):
    return render(request, "registration/logged_out.html")
