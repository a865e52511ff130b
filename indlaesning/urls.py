from django.urls import path

from . import views

app_name = "indlaesning"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.status, name="status"),
    path("<int:pk>/rapport.csv", views.rapport_csv, name="rapport_csv"),
]
