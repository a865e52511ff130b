"""The team leader's screens: dashboard, drill-down lists, a course's flags, stikprøver."""

from ._faelles import PAGE_SIZE
from .advarsler import accepter, forloeb_advarsler
from .dashboard import EXPORT_COLUMNS, dashboard, forloeb_eksport, forloeb_liste
from .stikproeve import stikproeve, stikproeve_rapport, stikproeve_sag, stikproever

__all__ = [
    "EXPORT_COLUMNS",
    "PAGE_SIZE",
    "accepter",
    "dashboard",
    "forloeb_advarsler",
    "forloeb_eksport",
    "forloeb_liste",
    "stikproeve",
    "stikproeve_rapport",
    "stikproeve_sag",
    "stikproever",
]
