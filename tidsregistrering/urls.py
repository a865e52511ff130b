from django.urls import path

from .views import shell

app_name = "tidsregistrering"
urlpatterns = [path("min-uge/", shell("Min uge"), name="min_uge")]
