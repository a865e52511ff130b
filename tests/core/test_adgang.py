"""The access log cannot be forgotten: every screen declares what it shows, every API view
logs through core.api.ApiMixin, and a detail page that notes nothing is an error."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from core.adgang import Handling, viser_persondata
from core.api import ApiMixin
from core.models import Adgangslog
from tests.factories import BorgerFactory, UserFactory

# Django's own and the API documentation views, which show no case data.
UDENFOR = ("admin:", "api-schema", "api-docs", "api-token", "api-root")


def _alle(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{entry.namespace}:" if entry.namespace else prefix
            yield from _alle(entry, ns if entry.namespace else prefix)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name or entry.pattern}", entry.callback


def _er_api(callback) -> bool:
    cls = getattr(callback, "cls", None)
    return cls is not None


def test_hver_skaerm_erklaerer_om_den_viser_persondata():
    mangler = []
    for name, callback in _alle():
        if name.startswith(UDENFOR) or _er_api(callback) or "static" in name:
            continue
        if getattr(callback, "adgangslog", None) not in {"persondata", "oversigt", "ingen"}:
            mangler.append(name)
    assert mangler == [], f"views without an access-log declaration: {mangler}"


def test_hvert_api_view_logger_gennem_apimixin():
    mangler = []
    for name, callback in _alle():
        if not _er_api(callback) or name.startswith(UDENFOR):
            continue
        if not issubclass(callback.cls, ApiMixin):
            mangler.append(name)
    assert mangler == [], f"API views outside ApiMixin: {mangler}"


@pytest.mark.django_db
def test_en_detaljeside_der_intet_noterer_er_en_fejl():
    @viser_persondata
    def glemsom(request):
        return HttpResponse("borgerens mål")

    request = RequestFactory().get("/x")
    request.user = UserFactory()
    with pytest.raises(ImproperlyConfigured):
        glemsom(request)


@pytest.mark.django_db
def test_noterede_visninger_skrives_kun_naar_svaret_lykkes():
    borger = BorgerFactory()

    @viser_persondata
    def side(request, status):
        request.adgang.noter_visning(Handling.VIS_BORGER, borger=borger)
        return HttpResponse(status=status)

    request = RequestFactory().get("/x", REMOTE_ADDR="10.9.8.7")
    request.user = UserFactory(organisation=borger.organisation)
    side(request, 404)
    assert not Adgangslog.objects.exists()
    side(request, 200)
    row = Adgangslog.objects.get()
    assert (row.borger_id, row.handling, row.ip) == (borger.pk, Handling.VIS_BORGER, "10.9.8.7")
