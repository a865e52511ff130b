"""Where a flag is fixed — for the person reading it. A caseworker is sent to the action
that fixes it, a mentor to her own entry form for that citizen, a team leader to the
course; nobody gets a link to a page they may not open."""

from __future__ import annotations

from django.urls import reverse

from organisation import permissions

# Rule -> the caseworker's action page that fixes it (course id as argument).
SAGSBEHANDLER_URL = {
    "FORMAAL_MANGLER": "forloeb:forloeb_rediger",
    "OPGAVER_MANGLER": "forloeb:forloeb_rediger",
    "KVALIFIKATIONER_MANGLER": "forloeb:forloeb_detalje",
    "AFTALE_MANGLER": "forloeb:forloeb_detalje",
    "PERIODE_UDLOEBER": "forloeb:forloeb_periode",
    "PERIODE_OVERSKREDET": "forloeb:forloeb_periode",
    "PSYKIATRI_UNDER_SEKS_MAANEDER": "forloeb:forloeb_periode",
    "TREPARTSMOEDE_MANGLER": "forloeb:forloeb_moede",
    "LEVERING_AFVIGER": "tidsregistrering:levering",
    "OPFOELGNING_MANGLER": "forloeb:forloeb_opfoelgning",
    "AFSLUTNING_UFULDSTAENDIG": "forloeb:forloeb_fuldfoer_afslutning",
    "RESULTAT_MANGLER": "forloeb:forloeb_resultat",
    "MENTOR_OVERBELASTET": "forloeb:forloeb_mentor",
}
# Rules a mentor fixes in Min uge (the citizen's entry form opens).
MENTOR_MIN_UGE = {"INGEN_KONTAKT", "REGISTRERING_MANGLER"}


def ret_url(advarsel, user) -> str:
    forloeb = advarsel.forloeb
    if not getattr(user, "is_authenticated", False):
        return reverse("compliance:forloeb", args=[forloeb.pk])
    if permissions.is_case_worker_for(user, forloeb):
        return reverse(
            SAGSBEHANDLER_URL.get(advarsel.regel, "forloeb:forloeb_detalje"), args=[forloeb.pk]
        )
    if permissions.is_current_mentor_of(user, forloeb):
        if advarsel.regel in MENTOR_MIN_UGE:
            return reverse("tidsregistrering:min_uge") + f"?uge=forrige&vis={forloeb.pk}"
        return reverse("forloeb:mentor_forloeb", args=[forloeb.pk])
    return forloeb_url(forloeb, user)


def forloeb_url(forloeb, user) -> str:
    """The course page this reader may open."""
    if not getattr(user, "is_authenticated", False):
        return reverse("compliance:forloeb", args=[forloeb.pk])
    if permissions.is_case_worker_for(user, forloeb) or permissions.leads_course_team(
        user, forloeb
    ):
        return reverse("forloeb:forloeb_detalje", args=[forloeb.pk])
    if permissions.is_current_mentor_of(user, forloeb):
        return reverse("forloeb:mentor_forloeb", args=[forloeb.pk])
    return reverse("compliance:forloeb", args=[forloeb.pk])
