from django.contrib.auth import views as auth_views
from django.urls import path

from core.adgang import uden_persondata

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path(
        "log-ind/",
        uden_persondata(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("log-ud/", uden_persondata(auth_views.LogoutView.as_view()), name="logout"),
]
