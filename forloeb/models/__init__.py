from .choices import *  # noqa: F403
from .opfoelgning import (
    Afslutning,
    Arbejdspunkt,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Resultat,
    Statusrapport,
)
from .personer import Borger, Leverandoer, Mentor
from .sag import Bevilling, Forloeb, Mentoraftale, Mentortilknytning, Timeaendring

__all__ = [
    "Afslutning",
    "Arbejdspunkt",
    "Bevilling",
    "Borger",
    "Forloeb",
    "Leverandoer",
    "Mentor",
    "Mentoraftale",
    "Mentortilknytning",
    "Moede",
    "Opfoelgning",
    "Progressionsvurdering",
    "Resultat",
    "Statusrapport",
    "Timeaendring",
]
