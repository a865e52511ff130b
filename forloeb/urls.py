from django.urls import include, path

app_name = "forloeb"
# One namespace, three URL modules so the caseworker, mentor/coordinator and audit screens
# can grow independently.
urlpatterns = [
    path("", include("forloeb.urls_sagsbehandler")),
    path("", include("forloeb.urls_mentor")),
    path("", include("forloeb.urls_revision")),
]
