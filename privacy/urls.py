from django.urls import path

from . import views

app_name = "privacy"
# Mounted under forloeb/ so the addresses stay where users bookmarked them.
urlpatterns = [
    path("<int:pk>/historik/", views.historik, name="historik"),
    path("borgere/<int:pk>/adgangslog/", views.adgangslog, name="adgangslog"),
    path("borgere/<int:pk>/indsigt.json", views.indsigt, name="indsigt"),
    path("borgere/<int:pk>/indsigt.pdf", views.indsigt_pdf_view, name="indsigt_pdf"),
]
