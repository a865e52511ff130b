from django.urls import path

from .views.shell import shell

urlpatterns = [
    path("mine-borgere/", shell("Mine borgere"), name="mine_borgere"),
    path("mentorer/", shell("Mentorer"), name="mentorer"),
    path("venteliste/", shell("Venteliste"), name="venteliste"),
]
