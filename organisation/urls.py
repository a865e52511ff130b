from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path("log-ind/", views.LogInd.as_view(), name="login"),
    path("log-ud/", views.LogUd.as_view(), name="logout"),
    path("konto/api-noegler/", views.api_noegler, name="api_noegler"),
    path(
        "konto/api-noegler/<int:pk>/tilbagekald/",
        views.api_noegle_tilbagekald,
        name="api_noegle_tilbagekald",
    ),
]
