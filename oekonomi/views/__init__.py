"""The economy screens: settlements, providers and prices, budget, outcomes."""

from .afregning import afregning, afregning_eksport, afregninger
from .budget import budget, budget_eksport, budget_forloeb
from .kontrakter import interne_satser, leverandoer, leverandoerer
from .resultater import resultater

__all__ = [
    "afregning",
    "afregning_eksport",
    "afregninger",
    "budget",
    "budget_eksport",
    "budget_forloeb",
    "interne_satser",
    "leverandoer",
    "leverandoerer",
    "resultater",
]
