"""Reads about week registrations, always scoped to what the user may see."""

from ._faelles import Tilstand, registrering_for, synlige_forloeb, synlige_registreringer
from .anomalier import (
    ENS_TOTAL_UGER,
    HOEJT_TIMETAL_MINUTTER,
    SEN_REGISTRERING_DAGE,
    Anomali,
    anomalier,
)
from .eksport import eksport
from .levering import Levering, Leveringsuge, levering
from .min_uge import MinUgeRaekke, Ugefelt, min_uge

__all__ = [
    "Anomali",
    "ENS_TOTAL_UGER",
    "HOEJT_TIMETAL_MINUTTER",
    "Levering",
    "Leveringsuge",
    "MinUgeRaekke",
    "SEN_REGISTRERING_DAGE",
    "Tilstand",
    "Ugefelt",
    "anomalier",
    "eksport",
    "levering",
    "min_uge",
    "registrering_for",
    "synlige_forloeb",
    "synlige_registreringer",
]
