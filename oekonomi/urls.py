from django.urls import path

from . import views

AFREGNING = "afregninger/<int:leverandoer>/<int:team>/<int:aar>/<int:maaned>/"

app_name = "oekonomi"
urlpatterns = [
    path("", views.afregninger, name="afregninger"),
    path(AFREGNING, views.afregning, name="afregning"),
    path(AFREGNING + "eksport.<str:format>", views.afregning_eksport, name="afregning_eksport"),
    path("leverandoerer/", views.leverandoerer, name="leverandoerer"),
    path("leverandoerer/<int:pk>/", views.leverandoer, name="leverandoer"),
    path("interne-satser/", views.interne_satser, name="interne_satser"),
    path("budget/", views.budget, name="budget"),
    path("budget/forloeb/", views.budget_forloeb, name="budget_forloeb"),
    path("budget/eksport.<str:format>", views.budget_eksport, name="budget_eksport"),
    path("resultater/", views.resultater, name="resultater"),
]
