from django.urls import path

from .views import shell

app_name = "compliance"
urlpatterns = [path("", shell("Overblik"), name="dashboard")]
