"""Min uge (mentor, phone first), the delivery panel (caseworker) and the CSV export."""

from .eksport import CSV_KOLONNER, EKSPORT_ROLLER, eksport
from .levering import genaabn, godkend, godkend_alle, levering
from .min_uge import min_uge

__all__ = [
    "CSV_KOLONNER",
    "EKSPORT_ROLLER",
    "eksport",
    "genaabn",
    "godkend",
    "godkend_alle",
    "levering",
    "min_uge",
]
