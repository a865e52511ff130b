from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .models import Identitetsudbyder, Protokol


def _udbydere(request) -> list[dict]:
    """The login page's buttons: active IdPs shown on the login page, optionally only one
    organisation's (`?kommune=<kommunekode>`, for a link from the municipality's intranet)."""
    qs = (
        Identitetsudbyder.objects.aktive().filter(vis_paa_login=True).select_related("organisation")
    )
    if not (settings.SAML_SP_NOEGLE and settings.SAML_SP_CERTIFIKAT):
        qs = qs.exclude(protokol=Protokol.SAML)  # no SP keys: SAML is off
    kommune = request.GET.get("kommune", "").strip()
    if kommune:
        qs = qs.filter(organisation__kommunekode=kommune)
    ud = []
    for u in qs:
        navn = "sso:saml_login" if u.protokol == Protokol.SAML else "sso:oidc_login"
        ud.append(
            {
                "navn": u.navn,
                "organisation_navn": u.organisation.navn if u.organisation else "",
                "login_url": reverse(navn, kwargs={"slug": u.slug}),
            }
        )
    return ud


def udbydere(request):
    """`sso_udbydere` for templates, read only where a template uses it (the login page)."""
    return {"sso_udbydere": SimpleLazyObject(lambda: _udbydere(request))}
