"""The end of every SSO login, whatever the protocol: authenticate, log in, remember how."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.contrib import auth
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from organisation.session import noter_login
from organisation.views import laast

from . import services


class Laast(Exception):
    """django-axes refused the login: the username is locked from this address."""


def fuldfoer_login(request, login: services.SsoLogin, *, logud_url: str = ""):
    brugernavn = services.brugernavn_for(login)
    bruger = auth.authenticate(request, username=brugernavn, sso_login=login)
    if bruger is None:
        if getattr(request, "axes_locked_out", False):
            raise Laast
        raise services.SsoAfvist(
            getattr(request, "sso_afvisning", "") or _("Du kunne ikke logges ind i Mentorsag.")
        )
    auth.login(request, bruger)
    noter_login(request, metode=login.metode, nsis_niveau=login.nsis_niveau, logud_url=logud_url)
    return bruger


def fejlside(request, besked: str, *, status: int = 403, udbyder=None):
    return render(request, "sso/fejl.html", {"besked": besked, "udbyder": udbyder}, status=status)


def laast_svar(request):
    return laast(request)


class _SkjulteFelter(HTMLParser):
    """The hidden fields of pysaml2's POST-binding form (its inline script would break
    the CSP, so the form is rendered from our own template)."""

    def __init__(self):
        super().__init__()
        self.felter: dict[str, str] = {}
        self.action = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.action = attrs.get("action", "")
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.felter[attrs["name"]] = attrs.get("value") or ""


def videre(request, response, *, overskrift: str):
    """Turn djangosaml2's hand-over to the IdP into a Danish page of our own: a link for
    the Redirect binding, a form for the POST binding (both sent on by static JS)."""
    if isinstance(response, HttpResponseRedirect):
        url = response["Location"]
        if url.startswith("/"):
            return response
        return render(request, "sso/videre.html", {"overskrift": overskrift, "url": url})
    indhold = getattr(response, "content", b"")
    if response.status_code == 200 and (b"SAMLRequest" in indhold or b"SAMLResponse" in indhold):
        parser = _SkjulteFelter()
        parser.feed(response.content.decode("utf-8", "replace"))
        svar = render(
            request,
            "sso/videre.html",
            {"overskrift": overskrift, "action": parser.action, "felter": parser.felter},
        )
        dele = urlsplit(parser.action)
        svar.csp_form_action = [f"{dele.scheme}://{dele.netloc}"]
        return svar
    return response
