"""The real URLs plus views that fail on purpose, so each error page can be opened."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from mentorsag.urls import urlpatterns as mentorsag_urls


def _400(request):
    raise SuspiciousOperation("test")


def _403(request):
    raise PermissionDenied


def _500(request):
    raise RuntimeError("en fejl med vilje i testen")


urlpatterns = [
    path("test-fejl/400/", _400),
    path("test-fejl/403/", _403),
    path("test-fejl/500/", _500),
    *mentorsag_urls,
]
