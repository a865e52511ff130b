from django.urls import path

from .views import aftale, borger, forloeb, lister, nyt_forloeb, overdragelse

urlpatterns = [
    path("", lister.forloeb_liste, name="forloeb_liste"),
    path("arbejdsliste/", lister.arbejdsliste, name="arbejdsliste"),
    path("overdragelse/", overdragelse.overdragelse, name="overdragelse"),
    path("borgere/", borger.borger_soeg, name="borger_soeg"),
    path("borgere/ny/", borger.borger_opret, name="borger_opret"),
    path("borgere/<int:pk>/", borger.borger_detalje, name="borger_detalje"),
    path("borgere/<int:pk>/ret/", borger.borger_rediger, name="borger_rediger"),
    path("soeg/", borger.hurtig_soeg, name="hurtig_soeg"),
    path("borgere/<int:pk>/cpr/", borger.borger_cpr, name="borger_cpr"),
    path("borgere/<int:borger_pk>/nyt-forloeb/", nyt_forloeb.forloeb_opret, name="forloeb_opret"),
    path("<int:pk>/", forloeb.forloeb_detalje, name="forloeb_detalje"),
    path("<int:pk>/rediger/", forloeb.forloeb_rediger, name="forloeb_rediger"),
    path("<int:pk>/mentor/", nyt_forloeb.forloeb_mentor, name="forloeb_mentor"),
    path("<int:pk>/periode/", nyt_forloeb.forloeb_periode, name="forloeb_periode"),
    path("<int:pk>/timer/", forloeb.forloeb_timer, name="forloeb_timer"),
    path("<int:pk>/moede/", forloeb.forloeb_moede, name="forloeb_moede"),
    path("<int:pk>/opfoelgning/", forloeb.forloeb_opfoelgning, name="forloeb_opfoelgning"),
    path("<int:pk>/afslut/", forloeb.forloeb_afslut, name="forloeb_afslut"),
    path("<int:pk>/resultat/", forloeb.forloeb_resultat, name="forloeb_resultat"),
    path(
        "<int:pk>/afslutning/fuldfoer/",
        forloeb.forloeb_fuldfoer_afslutning,
        name="forloeb_fuldfoer_afslutning",
    ),
    path("<int:pk>/annuller/", forloeb.forloeb_annuller, name="forloeb_annuller"),
    path("aftaler/<int:pk>/", aftale.aftale, name="aftale"),
    path("aftaler/<int:pk>/pdf/", aftale.aftale_pdf, name="aftale_pdf"),
    path("aftaler/<int:pk>/udleveret/", aftale.aftale_udlever, name="aftale_udlever"),
]
