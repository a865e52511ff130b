from django.urls import path

from core.adgang import uden_persondata

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path("log-ind/", uden_persondata(views.LogInd.as_view()), name="login"),
    path("log-ud/", uden_persondata(views.LogUd.as_view()), name="logout"),
    path("konto/api-noegler/", uden_persondata(views.api_noegler), name="api_noegler"),
    path(
        "konto/api-noegler/<int:pk>/tilbagekald/",
        uden_persondata(views.api_noegle_tilbagekald),
        name="api_noegle_tilbagekald",
    ),
]
