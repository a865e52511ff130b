from django.urls import path

from .views import koordinator, mentor

urlpatterns = [
    # Mentor
    path("mine-borgere/", mentor.mine_borgere, name="mine_borgere"),
    path("mine-borgere/<int:pk>/", mentor.mentor_forloeb, name="mentor_forloeb"),
    path(
        "mine-borgere/<int:pk>/arbejdspunkter/",
        mentor.opret_arbejdspunkt,
        name="mentor_arbejdspunkt_opret",
    ),
    path(
        "mine-borgere/<int:pk>/arbejdspunkter/<int:ap>/vurdering/",
        mentor.vurder_arbejdspunkt,
        name="mentor_vurdering",
    ),
    path(
        "mine-borgere/<int:pk>/arbejdspunkter/<int:ap>/status/",
        mentor.arbejdspunkt_status,
        name="mentor_arbejdspunkt_status",
    ),
    path(
        "mine-borgere/<int:pk>/statusrapport/",
        mentor.skriv_statusrapport,
        name="mentor_statusrapport",
    ),
    # Mentorkoordinator
    path("mentorer/", koordinator.mentorer, name="mentorer"),
    path("mentorer/ny/", koordinator.mentor_opret, name="mentor_opret"),
    path("mentorer/<int:pk>/", koordinator.mentor_detalje, name="mentor_detalje"),
    path("mentorer/<int:pk>/rediger/", koordinator.mentor_rediger, name="mentor_rediger"),
    path("venteliste/", koordinator.venteliste, name="venteliste"),
    path(
        "venteliste/<int:pk>/tildel/",
        koordinator.venteliste_bekraeft,
        name="venteliste_bekraeft",
    ),
    path(
        "venteliste/<int:pk>/tildel/<int:mentor_pk>/",
        koordinator.venteliste_tildel,
        name="venteliste_tildel",
    ),
]
