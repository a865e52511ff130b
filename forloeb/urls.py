from django.urls import include, path

app_name = "forloeb"
# One namespace, two URL modules so the caseworker and the mentor/coordinator screens can
# grow independently.
urlpatterns = [
    path("", include("forloeb.urls_sagsbehandler")),
    path("", include("forloeb.urls_mentor")),
]
