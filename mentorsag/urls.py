from django.contrib import admin
from django.urls import include, path

from core.views import tilgaengelighed
from drift.views import healthz

urlpatterns = [
    path("", include("organisation.urls")),
    path("sso/", include("sso.urls")),
    path("forloeb/", include("forloeb.urls")),
    path("forloeb/", include("privacy.urls")),
    path("tid/", include("tidsregistrering.urls")),
    path("compliance/", include("compliance.urls")),
    path("oekonomi/", include("oekonomi.urls")),
    path("indlaesning/", include("indlaesning.urls")),
    path("healthz", healthz, name="healthz"),
    path("tilgaengelighed/", tilgaengelighed, name="tilgaengelighed"),
    path("api/", include("mentorsag.api_urls")),
    path("admin/", admin.site.urls),
]

# Database outages answer 503 (drift/views.py); every other error Django's own page.
handler400 = "drift.views.bad_request"
handler404 = "drift.views.page_not_found"
handler500 = "drift.views.server_error"
