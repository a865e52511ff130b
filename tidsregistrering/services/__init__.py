"""Every write to a week registration: the mentor registers, the caseworker approves and
reopens. Min uge, the API and imports call these functions, never the models."""

from ..uger import denne_uge, forrige_uge, iso_uge, uge_mandag
from .godkendelse import genaabn_uge, godkend_uge, godkend_uger
from .indlaesning import registrer_nye_uger, skriv_nye_uger, tjek_registreret, vurder_nye_uger
from .registrering import (
    MAX_MINUTTER_PR_UGE,
    fjern_kontakt,
    registrer_ingen_kontakt,
    registrer_uge,
    tilfoej_kontakt,
)

__all__ = [
    "MAX_MINUTTER_PR_UGE",
    "denne_uge",
    "fjern_kontakt",
    "forrige_uge",
    "genaabn_uge",
    "godkend_uge",
    "godkend_uger",
    "iso_uge",
    "registrer_ingen_kontakt",
    "registrer_nye_uger",
    "registrer_uge",
    "skriv_nye_uger",
    "tilfoej_kontakt",
    "tjek_registreret",
    "uge_mandag",
    "vurder_nye_uger",
]
