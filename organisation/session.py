"""What the session remembers about how the user logged in.

The method (`adgangskode`, `saml`, `oidc`) and the NSIS assurance level the identity
provider vouched for stay in the session: every access-log row records the method
(`core.http.login_metode`), and screens that must ask for more can read the level. The
SSO app also leaves the URL that ends the IdP session on logout.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.http import SESSION_LOGIN_METODE
from core.models import LoginMetode

LOGIN_METODE = SESSION_LOGIN_METODE
NSIS_NIVEAU = "nsis_niveau"
SSO_LOGUD_URL = "sso_logud_url"

# The methods a session can begin with (an API token call has no session).
METODER = {m.value: m.label for m in LoginMetode if m != LoginMetode.API_NOEGLE}
NSIS_NIVEAUER = {
    "": _("Intet NSIS-niveau"),
    "lav": _("Lav"),
    "betydelig": _("Betydelig"),
    "hoej": _("Høj"),
}


def noter_login(request, *, metode: str, nsis_niveau: str = "", logud_url: str = "") -> None:
    """Call right after `auth.login` (which starts a new session key)."""
    if metode not in METODER or nsis_niveau not in NSIS_NIVEAUER:
        raise ValueError((metode, nsis_niveau))
    request.session[LOGIN_METODE] = metode
    request.session[NSIS_NIVEAU] = nsis_niveau
    if logud_url:
        request.session[SSO_LOGUD_URL] = logud_url
    else:
        request.session.pop(SSO_LOGUD_URL, None)


def login_metode(request) -> str:
    return request.session.get(LOGIN_METODE, "")


def nsis_niveau(request) -> str:
    return request.session.get(NSIS_NIVEAU, "")


def noter_adgangskode_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: a password login (login page or admin) is recorded like
    an SSO login, so every session says how it began."""
    if request is not None and getattr(user, "backend", "").endswith(".AdgangskodeBackend"):
        noter_login(request, metode="adgangskode")
