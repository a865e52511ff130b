from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("forloeb/", views.forloeb_liste, name="forloeb_liste"),
    path("forloeb/eksport.<str:format>", views.forloeb_eksport, name="forloeb_eksport"),
    path("forloeb/<int:pk>/", views.forloeb_advarsler, name="forloeb"),
    path("advarsler/<int:pk>/accept/", views.accepter, name="accepter"),
    path("stikproever/", views.stikproever, name="stikproever"),
    path("stikproever/<int:pk>/", views.stikproeve, name="stikproeve"),
    path("stikproever/<int:pk>/rapport/", views.stikproeve_rapport, name="stikproeve_rapport"),
    path("stikproever/sag/<int:pk>/", views.stikproeve_sag, name="stikproeve_sag"),
]
