from django.urls import path

from .views import sagsbehandler as views

urlpatterns = [
    path("", views.forloeb_liste, name="forloeb_liste"),
    path("arbejdsliste/", views.arbejdsliste, name="arbejdsliste"),
    path("borgere/", views.borger_soeg, name="borger_soeg"),
    path("borgere/ny/", views.borger_opret, name="borger_opret"),
    path("borgere/<int:pk>/", views.borger_detalje, name="borger_detalje"),
    path("borgere/<int:pk>/cpr/", views.borger_cpr, name="borger_cpr"),
    path("borgere/<int:borger_pk>/nyt-forloeb/", views.forloeb_opret, name="forloeb_opret"),
    path("<int:pk>/", views.forloeb_detalje, name="forloeb_detalje"),
    path("<int:pk>/rediger/", views.forloeb_rediger, name="forloeb_rediger"),
    path("<int:pk>/mentor/", views.forloeb_mentor, name="forloeb_mentor"),
    path("<int:pk>/periode/", views.forloeb_periode, name="forloeb_periode"),
    path("<int:pk>/timer/", views.forloeb_timer, name="forloeb_timer"),
    path("<int:pk>/moede/", views.forloeb_moede, name="forloeb_moede"),
    path("<int:pk>/opfoelgning/", views.forloeb_opfoelgning, name="forloeb_opfoelgning"),
    path("<int:pk>/afslut/", views.forloeb_afslut, name="forloeb_afslut"),
    path("<int:pk>/resultat/", views.forloeb_resultat, name="forloeb_resultat"),
    path(
        "<int:pk>/afslutning/fuldfoer/",
        views.forloeb_fuldfoer_afslutning,
        name="forloeb_fuldfoer_afslutning",
    ),
    path("<int:pk>/annuller/", views.forloeb_annuller, name="forloeb_annuller"),
    path("aftaler/<int:pk>/", views.aftale, name="aftale"),
    path("aftaler/<int:pk>/pdf/", views.aftale_pdf, name="aftale_pdf"),
    path("aftaler/<int:pk>/udleveret/", views.aftale_udlever, name="aftale_udlever"),
]
