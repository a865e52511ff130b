from django.urls import path

from .views.shell import shell

urlpatterns = [
    path("arbejdsliste/", shell("Min arbejdsliste"), name="arbejdsliste"),
    path("borgere/", shell("Find borger"), name="borger_soeg"),
    path("", shell("Forløb"), name="forloeb_liste"),
]
