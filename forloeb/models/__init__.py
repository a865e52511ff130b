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
from .personer import Borger, Mentor
from .sag import Bevilling, Forloeb, Mentoraftale, Mentortilknytning, Timeaendring

__all__ = [
    "Afslutning",
    "Arbejdspunkt",
    "Bevilling",
    "Borger",
    "Forloeb",
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
