"""Every write to a course goes through here, so forms, API and Celery share one rule set.

Each service checks the caller's authority (organisation/permissions.py), validates the
legal rule, writes in one transaction (django-simple-history records before/after), and
raises `ValidationError({field: Danish message})` on a violation, which the form shows on
the field and the API returns as a 400 naming the field. Code lists (PRODUCT.md §10) are
checked here too, not only in forms and serializers.
"""

from .afslutning import afslut_forloeb, fuldfoer_afslutning, registrer_resultat
from .aftale import KLAGEVEJLEDNING, foerste_version, udlever_aftale, vurder_udlevering
from .bevilling import (
    MAX_TIMER_PR_UGE,
    TIMER_FEJL,
    aendr_timer,
    bevilg_periode,
    gyldige_timer,
    seneste_slutdato,
    vurder_periode,
)
from .borgere import afsloer_cpr, byg_borger, opdater_borger, opret_borger
from .forloeb import (
    SKAL_GAA_UD_OVER_NORMALT,
    annuller_kladde,
    byg_forloeb,
    opdater_forloeb,
    opret_forloeb,
    opret_forloeb_med_mentor,
)
from .mentor import mentor_belastning, tildel_mentor, vurder_tildeling
from .mentorer import opdater_mentor, opret_mentor
from .opfoelgning import (
    aendr_arbejdspunkt_status,
    opret_arbejdspunkt,
    registrer_moede,
    registrer_opfoelgning,
    skriv_statusrapport,
    vurder_progression,
)
from .overdragelse import (
    afvisninger,
    aktive_forloeb_pr_sagsbehandler,
    fordel_ligeligt,
    forhaandsvis_mentorflytning,
    mentorens_forloeb,
    overdrag_forloeb,
    overdrag_mentorforloeb,
    sagsbehandlerens_forloeb,
)

__all__ = [
    "vurder_udlevering",
    "vurder_tildeling",
    "vurder_periode",
    "foerste_version",
    "byg_forloeb",
    "byg_borger",
    "KLAGEVEJLEDNING",
    "MAX_TIMER_PR_UGE",
    "SKAL_GAA_UD_OVER_NORMALT",
    "TIMER_FEJL",
    "aendr_arbejdspunkt_status",
    "aendr_timer",
    "afsloer_cpr",
    "afslut_forloeb",
    "annuller_kladde",
    "bevilg_periode",
    "forhaandsvis_mentorflytning",
    "fuldfoer_afslutning",
    "gyldige_timer",
    "mentor_belastning",
    "mentorens_forloeb",
    "opdater_borger",
    "opdater_forloeb",
    "opdater_mentor",
    "opret_arbejdspunkt",
    "opret_borger",
    "opret_forloeb",
    "opret_forloeb_med_mentor",
    "opret_mentor",
    "afvisninger",
    "aktive_forloeb_pr_sagsbehandler",
    "fordel_ligeligt",
    "overdrag_forloeb",
    "overdrag_mentorforloeb",
    "registrer_moede",
    "registrer_opfoelgning",
    "registrer_resultat",
    "sagsbehandlerens_forloeb",
    "seneste_slutdato",
    "skriv_statusrapport",
    "tildel_mentor",
    "udlever_aftale",
    "vurder_progression",
]
