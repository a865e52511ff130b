"""URLs of the REST API: /api/v1/… resources, the OpenAPI schema and Swagger UI.

Swagger UI's assets come from the `drf-spectacular-sidecar` package and are served from
here, so the docs work offline and under our CSP (no CDN).
"""

from pathlib import Path

from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from compliance.api import AdvarselViewSet, DashboardView
from forloeb.api import BorgerViewSet, ForloebViewSet, MentorViewSet
from oekonomi.api import AfregningerView, BudgetView, ResultaterView
from organisation.api import MineTokensView, MinTokenView, TokenView
from tidsregistrering.api import UgeregistreringViewSet

try:
    import drf_spectacular_sidecar

    SWAGGER_DIR = (
        Path(drf_spectacular_sidecar.__file__).parent
        / "static"
        / ("drf_spectacular_sidecar/swagger-ui-dist")
    )
except ImportError:  # pragma: no cover - the dependency is pinned
    SWAGGER_DIR = None

SWAGGER_FILES = {
    "swagger-ui.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "favicon-32x32.png",
}


def swagger_asset(request, filename):
    if SWAGGER_DIR is None or filename not in SWAGGER_FILES:
        raise Http404
    return serve(request, filename, document_root=SWAGGER_DIR)


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI with its JavaScript in files (no CDN, no inline script)."""

    url_name = "api-schema"

    @staticmethod
    def _swagger_ui_resource(filename):
        return f"/api/docs/assets/{filename}"

    @staticmethod
    def _swagger_ui_favicon():
        return "/api/docs/assets/favicon-32x32.png"


router = DefaultRouter()
router.register("borgere", BorgerViewSet, basename="borger")
router.register("mentorer", MentorViewSet, basename="mentor")
router.register("forloeb", ForloebViewSet, basename="forloeb")
router.register("ugeregistreringer", UgeregistreringViewSet, basename="ugeregistrering")
router.register("advarsler", AdvarselViewSet, basename="advarsel")

urlpatterns = [
    path("v1/auth/token/", TokenView.as_view(), name="api-token"),
    path("v1/auth/tokens/", MineTokensView.as_view(), name="api-tokens"),
    path("v1/auth/tokens/<int:pk>/", MinTokenView.as_view(), name="api-token-detalje"),
    path("v1/dashboard/", DashboardView.as_view(), name="api-dashboard"),
    path("v1/afregninger/", AfregningerView.as_view(), name="api-afregninger"),
    path("v1/budget/", BudgetView.as_view(), name="api-budget"),
    path("v1/resultater/", ResultaterView.as_view(), name="api-resultater"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(), name="api-docs"),
    re_path(r"^docs/assets/(?P<filename>[\w.-]+)$", swagger_asset, name="api-docs-asset"),
]
