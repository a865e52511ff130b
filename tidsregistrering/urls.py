from django.urls import path

from . import views

app_name = "tidsregistrering"
urlpatterns = [
    path("min-uge/", views.min_uge, name="min_uge"),
    # The delivery panel of a course page (htmx partial; a full page without htmx).
    path("forloeb/<int:pk>/levering/", views.levering, name="levering"),
    path("eksport/", views.eksport, name="eksport"),
    path("uge/<int:pk>/godkend/", views.godkend, name="godkend"),
    path("uge/<int:pk>/genaabn/", views.genaabn, name="genaabn"),
    path("forloeb/<int:pk>/godkend-alle/", views.godkend_alle, name="godkend_alle"),
]
