from django.urls import path

from .views import revision

urlpatterns = [
    path("<int:pk>/historik/", revision.historik, name="historik"),
    path("borgere/<int:pk>/adgangslog/", revision.adgangslog, name="adgangslog"),
    path("borgere/<int:pk>/indsigt.json", revision.indsigt, name="indsigt"),
    path("borgere/<int:pk>/indsigt.pdf", revision.indsigt_pdf_view, name="indsigt_pdf"),
]
