from django.urls import path

from .views import shell

app_name = "forloeb"
urlpatterns = [
    path("arbejdsliste/", shell("Min arbejdsliste"), name="arbejdsliste"),
    path("borgere/", shell("Find borger"), name="borger_soeg"),
    path("", shell("Forløb"), name="forloeb_liste"),
    path("mine-borgere/", shell("Mine borgere"), name="mine_borgere"),
    path("mentorer/", shell("Mentorer"), name="mentorer"),
    path("venteliste/", shell("Venteliste"), name="venteliste"),
]
