"""SAML 2.0 service provider (djangosaml2 on pysaml2), set up after the OIOSAML 3 profile.

- Signed AuthnRequests (RSA-SHA256), persistent NameID, HTTP-Redirect for requests and
  HTTP-POST for the IdP's response; signed assertions are required (the response itself
  may be unsigned), encrypted assertions are decrypted with the SP's key.
- Every active SAML `Identitetsudbyder` is in the metadata store at once; a login starts
  at /sso/saml/<kortnavn>/log-ind/, so the IdP is never guessed.
- An IdP's NSIS level requirement is asked for in RequestedAuthnContext (minimum) and
  checked again on the assertion, whose level is kept in the session.
- Single logout, SP- and IdP-initiated.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import saml2
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from djangosaml2 import views as djangosaml2_views
from saml2 import md
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.response import (
    RequestVersionTooLow,
    SignatureError,
    StatusError,
    UnsolicitedResponse,
)
from saml2.s_utils import UnknownSystemEntity
from saml2.saml import (
    NAME_FORMAT_URI,
    NAMEID_FORMAT_PERSISTENT,
    NAMEID_FORMAT_TRANSIENT,
    AuthnContextClassRef,
)
from saml2.samlp import RequestedAuthnContext
from saml2.sigver import MissingKey
from saml2.time_util import str_to_time
from saml2.validate import ResponseLifetimeExceed, ToEarly

from . import flow, oiosaml, services
from .models import BrugtAssertion, Identitetsudbyder, Protokol

logger = logging.getLogger(__name__)

ATTRIBUTMAPPE = Path(__file__).resolve().parent / "attributmaps"
# What the SP asks an OIOSAML 3 IdP to send (AttributeConsumingService in the metadata),
# besides every attribute an active IdP's configuration reads.
OIOSAML_ATTRIBUTTER = [
    oiosaml.SPEC_VERSION,
    oiosaml.NSIS_LOA,
    oiosaml.EMAIL,
    oiosaml.FORNAVN,
    oiosaml.EFTERNAVN,
    oiosaml.CVR,
    oiosaml.ORGANISATIONSNAVN,
    oiosaml.MEDARBEJDER_UUID,
    oiosaml.PRIVILEGIER,
]


def oenskede_attributter() -> list[str]:
    navne = list(OIOSAML_ATTRIBUTTER)
    for udbyder in saml_udbydere():
        for hvad in ("brugernavn", "email", "fornavn", "efternavn", "cvr", "nsis"):
            if hvad != "brugernavn" or udbyder.attr_brugernavn:
                navne.append(udbyder.attributnavn(hvad))
        navne += udbyder.rolle_attributnavne()
    return list(dict.fromkeys(navne))


def saml_slaaet_til() -> bool:
    return bool(settings.SAML_SP_NOEGLE and settings.SAML_SP_CERTIFIKAT)


def _base_url(request) -> str:
    if settings.MENTORSAG_BASE_URL:
        return settings.MENTORSAG_BASE_URL
    if request is None:
        raise ImproperlyConfigured(
            "MENTORSAG_BASE_URL skal sættes, når SAML bruges uden for en forespørgsel."
        )
    return request.build_absolute_uri("/").rstrip("/")


def sp_entity_id(request) -> str:
    return settings.SAML_SP_ENTITY_ID or _base_url(request) + reverse("sso:saml_metadata")


def saml_udbydere():
    return (
        Identitetsudbyder.objects.aktive().filter(protokol=Protokol.SAML).exclude(metadata_xml="")
    )


_KONFIGURATIONER: dict[tuple, SPConfig] = {}


def sp_konfiguration(request=None) -> SPConfig:
    """SAML_CONFIG_LOADER: the SP configuration, with every active SAML IdP's metadata.

    Parsing (and schema-validating) every IdP's metadata takes long with many
    municipalities, so a configuration is kept until an IdP row or a setting changes.
    """
    if not saml_slaaet_til():
        raise Http404(_("Log-ind med SAML er ikke sat op."))
    base = _base_url(request)
    noegle = (
        base,
        settings.SAML_SP_NOEGLE,
        settings.SAML_SP_CERTIFIKAT,
        settings.SAML_SP_ENTITY_ID,
        settings.SAML_TIDSAFVIGELSE,
        tuple(saml_udbydere().order_by("pk").values_list("pk", "opdateret")),
    )
    if noegle not in _KONFIGURATIONER:
        if len(_KONFIGURATIONER) >= 8:
            _KONFIGURATIONER.clear()
        _KONFIGURATIONER[noegle] = _byg_konfiguration(request, base)
    return _KONFIGURATIONER[noegle]


def _byg_konfiguration(request, base: str) -> SPConfig:
    noegle, cert = str(settings.SAML_SP_NOEGLE), str(settings.SAML_SP_CERTIFIKAT)
    sp = {
        "name": "Mentorsag",
        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
        "name_id_policy_format": NAMEID_FORMAT_PERSISTENT,
        "name_id_format_allow_create": True,
        "endpoints": {
            "assertion_consumer_service": [
                (base + reverse("sso:saml_acs"), saml2.BINDING_HTTP_POST),
            ],
            "single_logout_service": [
                (base + reverse("sso:saml_ls"), saml2.BINDING_HTTP_REDIRECT),
                (base + reverse("sso:saml_ls_post"), saml2.BINDING_HTTP_POST),
            ],
        },
        "authn_requests_signed": True,
        "logout_requests_signed": True,
        "logout_responses_signed": True,
        "want_assertions_signed": True,
        "want_response_signed": False,
        "allow_unsolicited": False,
        "signing_algorithm": saml2.xmldsig.SIG_RSA_SHA256,
        "digest_algorithm": saml2.xmldsig.DIGEST_SHA256,
        "requested_attribute_name_format": NAME_FORMAT_URI,
    }
    config = {
        "entityid": sp_entity_id(request),
        "xmlsec_binary": settings.SAML_XMLSEC1 or shutil.which("xmlsec1"),
        "key_file": noegle,
        "cert_file": cert,
        "encryption_keypairs": [{"key_file": noegle, "cert_file": cert}],
        # Attribute names as the IdP sends them (OIOSAML URIs, AD FS claim types): no
        # conversion to pysaml2's friendly names.
        "attribute_map_dir": str(ATTRIBUTMAPPE),
        "allow_unknown_attributes": True,
        "accepted_time_diff": settings.SAML_TIDSAFVIGELSE,
        "service": {"sp": sp},
        "metadata": {"inline": [u.metadata_xml for u in saml_udbydere()]},
        "contact_person": [
            {
                "contact_type": "technical",
                "given_name": "Mentorsag",
                "email_address": [settings.SAML_KONTAKT_EMAIL],
            }
        ],
        "organization": {
            "name": [("Mentorsag", "da")],
            "display_name": [("Mentorsag", "da")],
            "url": [(base, "da")],
        },
    }
    conf = SPConfig()
    conf.load(config)
    return conf


def _udbyder_for_issuer(issuer: str | None) -> Identitetsudbyder | None:
    if not issuer:
        return None
    return saml_udbydere().filter(entity_id=issuer).select_related("organisation").first()


# --- Views ----------------------------------------------------------------------------------


class Metadata(djangosaml2_views.MetadataView):
    """The SP's metadata at a stable URL, which is also the SP's entity ID by default."""

    def get(self, request, *args, **kwargs):
        conf = self.get_sp_config(request)
        descriptor = entity_descriptor(conf)
        descriptor.spsso_descriptor.attribute_consuming_service = [
            md.AttributeConsumingService(
                index="0",
                is_default="true",
                service_name=[md.ServiceName(text="Mentorsag", lang="da")],
                # None required: AD FS and Entra ID send their own claim types.
                requested_attribute=[
                    md.RequestedAttribute(
                        name=navn, name_format=NAME_FORMAT_URI, is_required="false"
                    )
                    for navn in oenskede_attributter()
                ],
            )
        ]
        return HttpResponse(str(descriptor).encode(), content_type="text/xml; charset=utf-8")


class LogInd(djangosaml2_views.LoginView):
    """GET /sso/saml/<kortnavn>/log-ind/: a signed AuthnRequest to that IdP."""

    post_binding_form_template = "sso/post_binding.html"

    def get(self, request, slug: str, *args, **kwargs):
        self.udbyder = saml_udbydere().filter(slug=slug).first()
        if self.udbyder is None:
            raise Http404(_("Identitetsudbyderen findes ikke."))
        request.GET = request.GET.copy()
        request.GET["idp"] = self.udbyder.entity_id
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200 and hasattr(self, "conf"):
            # The POST binding's form goes to the IdP; the CSP must let it.
            response.csp_form_action = _idp_origins(self.conf, self.udbyder.entity_id)
        return response

    def unknown_idp(self, request, idp):
        return flow.fejlside(request, _("Identitetsudbyderen findes ikke i Mentorsags opsætning."))

    def load_sso_kwargs(self, sso_kwargs):
        niveau = self.udbyder.kraevet_nsis_niveau
        if niveau:
            sso_kwargs["requested_authn_context"] = RequestedAuthnContext(
                authn_context_class_ref=[AuthnContextClassRef(text=oiosaml.NIVEAU_TIL_LOA[niveau])],
                comparison="minimum",
            )


def _idp_origins(conf, entity_id: str) -> list[str]:
    origins = set()
    for tjeneste in ("single_sign_on_service", "single_logout_service"):
        try:
            endpoints = conf.metadata.service(entity_id, "idpsso_descriptor", tjeneste) or {}
        except UnknownSystemEntity:
            continue
        for liste in endpoints.values():
            for endpoint in liste:
                dele = urlsplit(endpoint.get("location", ""))
                if dele.scheme in ("https", "http") and dele.netloc:
                    origins.add(f"{dele.scheme}://{dele.netloc}")
    return sorted(origins)


FEJLTEKSTER = [
    (SignatureError, _("Svaret fra identitetsudbyderen havde ikke en gyldig signatur.")),
    (MissingKey, _("Svaret kom fra en identitetsudbyder, som Mentorsag ikke kender.")),
    (UnknownSystemEntity, _("Svaret kom fra en identitetsudbyder, som Mentorsag ikke kender.")),
    (
        ResponseLifetimeExceed,
        _("Svaret fra identitetsudbyderen er udløbet. Prøv at logge ind igen."),
    ),
    (ToEarly, _("Svaret fra identitetsudbyderen er endnu ikke gyldigt. Prøv igen om lidt.")),
    (
        UnsolicitedResponse,
        _(
            "Svaret fra identitetsudbyderen er allerede brugt eller hører ikke til et log-ind, "
            "der er startet her. Start log-ind forfra."
        ),
    ),
    (StatusError, _("Identitetsudbyderen afviste log-ind.")),
    (RequestVersionTooLow, _("Identitetsudbyderen bruger en forældet SAML-version.")),
]


def fejltekst(exception) -> str:
    """A Danish sentence for what pysaml2/djangosaml2 refused."""
    if isinstance(exception, services.SsoAfvist):
        return str(exception)
    for klasse, tekst in FEJLTEKSTER:
        if isinstance(exception, klasse):
            return str(tekst)
    besked = str(exception)
    if "AudienceRestrictions" in besked:
        return _("Svaret fra identitetsudbyderen var ikke udstedt til Mentorsag.")
    if "issuer" in besked.lower() or "Unknown system entity" in besked:
        return _("Svaret kom fra en identitetsudbyder, som Mentorsag ikke kender.")
    return _("Svaret fra identitetsudbyderen kunne ikke godkendes. Prøv at logge ind igen.")


class Acs(djangosaml2_views.AssertionConsumerServiceView):
    """POST /sso/saml/acs/: the IdP's signed assertion. pysaml2 has checked signature,
    audience, lifetime and InResponseTo; here the issuer must be an active IdP, the
    NameID persistent, and the assertion unused."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except flow.Laast:
            return flow.laast_svar(request)

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        # djangosaml2 replaces an exception from custom_validation with a generic one.
        exception = getattr(self, "_valideringsfejl", None) or exception
        logger.warning("SAML login refused: %s", type(exception).__name__)
        return flow.fejlside(request, fejltekst(exception), status=status)

    def custom_validation(self, response):
        try:
            self._valider(response)
        except Exception as exc:
            self._valideringsfejl = exc
            raise

    def _valider(self, response):
        self.udbyder = _udbyder_for_issuer(response.issuer())
        if self.udbyder is None:
            raise services.SsoAfvist(
                _("Svaret kom fra en identitetsudbyder, som Mentorsag ikke kender.")
            )
        name_id = response.assertion.subject.name_id
        if name_id is None or name_id.format == NAMEID_FORMAT_TRANSIENT:
            raise services.SsoAfvist(
                _("Identitetsudbyderen sendte ikke et fast (persistent) NameID for brugeren.")
            )
        _brug_assertion(response.assertion)

    def authenticate_user(
        self, request, session_info, attribute_mapping, create_unknown_user, assertion_info
    ):
        login = services.SsoLogin(
            udbyder=self.udbyder,
            subjekt=session_info["name_id"].text.strip(),
            attributter=services.normaliser_attributter(session_info.get("ava", {})),
            nsis_niveau=_nsis_niveau(session_info, self.udbyder),
        )
        bruger = flow.fuldfoer_login(request, login, logud_url=reverse("sso:saml_logud"))
        djangosaml2_views._set_subject_id(request.saml_session, session_info["name_id"])
        return bruger


def _nsis_niveau(session_info, udbyder) -> str:
    """The NSIS level: OIOSAML 3's loa attribute, else the AuthnContextClassRef."""
    for vaerdi in session_info.get("ava", {}).get(udbyder.attributnavn("nsis"), []):
        if niveau := oiosaml.nsis_niveau(vaerdi):
            return niveau
    for authn in session_info.get("authn_info") or []:
        if authn and (niveau := oiosaml.nsis_niveau(authn[0])):
            return niveau
    return ""


def _brug_assertion(assertion) -> None:
    """Remember the assertion until it expires; a second use is refused even when two
    requests race (unique constraint)."""
    graenser = []
    if assertion.conditions is not None and assertion.conditions.not_on_or_after:
        graenser.append(assertion.conditions.not_on_or_after)
    for sc in assertion.subject.subject_confirmation or []:
        data = sc.subject_confirmation_data
        if data is not None and data.not_on_or_after:
            graenser.append(data.not_on_or_after)
    nu = timezone.now()
    udloeber = max(
        (dt.datetime.fromtimestamp(calendar.timegm(str_to_time(g)), tz=dt.UTC) for g in graenser),
        default=nu + dt.timedelta(hours=1),
    )
    BrugtAssertion.objects.filter(udloeber__lt=nu).delete()
    try:
        with transaction.atomic():
            BrugtAssertion.objects.create(assertion_id=assertion.id, udloeber=udloeber)
    except IntegrityError:
        raise UnsolicitedResponse("assertion already used") from None


@method_decorator(csrf_protect, name="dispatch")
class LogUd(djangosaml2_views.LogoutInitView):
    """POST /sso/saml/log-ud/ (the logout button, via /log-ud/): a signed LogoutRequest to
    the IdP; the local session ends at once."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        response = self.get(request, *args, **kwargs)
        return flow.videre(request, response, overskrift=_("Du logges ud"))

    def handle_unsupported_slo_exception(self, request, exception, *args, **kwargs):
        return render(request, "registration/logged_out.html")


class LogoutService(djangosaml2_views.LogoutView):
    """/sso/saml/ls/ (Redirect) and /sso/saml/ls/post/ (POST): the IdP's LogoutResponse to
    our request, or its own LogoutRequest (IdP-initiated single logout)."""

    logout_error_template = "sso/logud_fejl.html"

    def do_logout_service(self, request, data, binding, *args, **kwargs):
        response = super().do_logout_service(request, data, binding, *args, **kwargs)
        return flow.videre(request, response, overskrift=_("Du er logget ud"))
