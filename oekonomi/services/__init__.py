"""Every write of the oekonomi app: providers, prices, and the approval of settlements.
Screens and the API call these functions, never the models."""

from .afregning import godkend_afregning
from .kontrakter import (
    afslut_kontrakt,
    ny_intern_timesats,
    ny_kontraktperiode,
    opdater_leverandoer,
    opret_leverandoer,
)

__all__ = [
    "afslut_kontrakt",
    "godkend_afregning",
    "ny_intern_timesats",
    "ny_kontraktperiode",
    "opdater_leverandoer",
    "opret_leverandoer",
]
